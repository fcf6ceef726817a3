#include "handlers/handler_set.h"

namespace paike {

HandlerSet::HandlerSet(const Deployment& deployment, PhotoStore& photos, HandlerOptions options)
    : tagger(deployment),
      intake(deployment, tagger, IntakeOptions{deployment.intake.stitch_window}),
      commands(deployment, tagger, intake, options.compare_after_photos ? &photos : nullptr),
      router(deployment, intake, commands),
      scheduled(deployment, router, photos) {}

}  // namespace paike
