#include "bot/wal_checkpointer.h"

namespace paike {

WalCheckpointer::WalCheckpointer(std::unique_ptr<Database> db)
    : db_(std::move(db)), loop_("wal checkpoint", [this] { db_->checkpoint_wal_passive(); }) {}

WalCheckpointer::~WalCheckpointer() { stop(); }

DatabaseOptions WalCheckpointer::options() {
  DatabaseOptions options;
  options.on_wal_commit = [this](int frames) {
    if (frames >= kFrames) loop_.wake();
  };
  return options;
}

}  // namespace paike
