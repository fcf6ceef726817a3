// Intake: a message posted in a group becomes a report. A photo and the words about it from
// the same sender within the stitch window are one report, in either order; when the words
// do not settle the category the bot asks back with a numbered menu and files on the answer.
// Runs on the caller's Database inside the caller's transaction; holds no state of its own
// (drafts live in storage), so it is safe to use from one worker thread per Database.
#pragma once

#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/intake/prepared_photo.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"

namespace paike {

// A cadre filing a report for a villager (代报): the villager is the reporter.
struct OnBehalf {
  std::string reporter_id;
  std::string reporter_name;
};

struct IntakeOptions {
  Duration stitch_window = std::chrono::minutes(2);
  Duration menu_timeout = std::chrono::hours(2);  // unanswered menu → filed as "other"
  // A voice note without a transcript gets "please type" at most once per sender in this
  // window: people send a few short ones in a row, and one answer covers them all, while a
  // new try after a while gets its answer again, so none goes unanswered for long.
  Duration voice_prompt_window = std::chrono::minutes(10);
};

class Intake {
 public:
  Intake(const Deployment& deployment, const Tagger& tagger, IntakeOptions options);

  // One message in a village or township group; `on_behalf` when a cadre files it for a villager.
  void handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db,
              const OnBehalf* on_behalf = nullptr);

  // A message in a private chat with the bot (DingTalk hands the robot voice notes only there,
  // WeCom's intelligent robot plain photos): reports are filed in the village's group, so the
  // sender is told where, at most once per voice_prompt_window, instead of hearing nothing.
  void private_message(const ChatEvent& event, Database& db);

  // Drafts whose time is up: a photo that got no words asks for the category; a menu that
  // got no answer is filed as "other". Call regularly with the current time.
  void on_tick(Database& db, TimePoint now);

 private:
  const Deployment& deployment_;
  const Tagger& tagger_;
  IntakeOptions options_;
};

}  // namespace paike
