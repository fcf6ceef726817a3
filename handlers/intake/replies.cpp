#include "handlers/intake/replies.h"

#include "config/text.h"

namespace paike {

std::string ticket_place(const Ticket& t, const Deployment& d) {
  const Wording& w = d.wording;
  const Grid* grid = d.find_grid(t.grid_id);
  return w.render(
      "intake.place",
      {{"village", t.village},
       {"grid", grid ? w.render("intake.place_grid", {{"grid", grid->name}}) : ""},
       {"landmark", t.landmark.empty() ? "" : w.render("intake.place_landmark", {{"landmark", t.landmark}})}});
}

std::string category_name(const Deployment& d, const std::string& code) {
  const Category* category = d.find_category(code);
  return category ? category->name : code;
}

std::string ticket_filed_reply(const Ticket& t, const Deployment& d) {
  const Person* assignee = d.find_person(t.assignee_id);
  return d.wording.render("intake.ticket_filed", {{"ticket", std::to_string(t.id)},
                                                  {"category", category_name(d, t.category)},
                                                  {"place", ticket_place(t, d)},
                                                  {"mention", assignee ? "@" + assignee->name + " " : ""},
                                                  {"deadline", format_chat_time(t.due_at, d.time_zone)}});
}

std::string category_menu(const Deployment& d) {
  std::string choices;
  for (size_t i = 0; i < d.categories.size(); ++i) {
    if (i) choices += d.wording.render("intake.category_choice_separator");
    choices += d.wording.render("intake.category_choice",
                                {{"number", std::to_string(i + 1)}, {"category", d.categories[i].name}});
  }
  return d.wording.render("intake.category_menu", {{"choices", choices}});
}

std::string ask_category_reply(const Deployment& d, std::string_view report_text) {
  constexpr size_t kQuoteChars = 20;  // enough to recognise the report, short enough for a phone screen
  const std::string quote = utf8_truncate(trim(report_text), kQuoteChars);
  if (quote.empty()) return category_menu(d);
  return d.wording.render("intake.ask_category", {{"quote", quote}, {"menu", category_menu(d)}});
}

std::string photos_added_reply(const Deployment& d, int64_t ticket_id) {
  return d.wording.render("intake.photos_added", {{"ticket", std::to_string(ticket_id)}});
}

std::string merged_reply(const Deployment& d, int64_t ticket_id) {
  return d.wording.render("intake.merged", {{"ticket", std::to_string(ticket_id)}});
}

std::string already_reported_reply(const Deployment& d, int64_t ticket_id) {
  return d.wording.render("intake.already_reported", {{"ticket", std::to_string(ticket_id)}});
}

std::string photo_notes(const Deployment& d, const std::vector<std::string>& error_codes, bool blurry, bool dark) {
  const Wording& w = d.wording;
  std::string note;
  if (!error_codes.empty()) {
    const std::string refused = "photo.refused." + error_codes.front();
    note += w.has(refused) ? w.render(refused) : w.render("photo.unreadable");
  }
  if (blurry) note += w.render("photo.blurry");
  if (dark && !blurry) note += w.render("photo.dark");
  return note;
}

std::string old_photo_note(const Deployment& d, TimePoint taken_at) {
  // format_chat_time gives "11月10日 08:00"; the day is what matters here.
  const std::string when = format_chat_time(taken_at, d.time_zone);
  return d.wording.render("photo.old", {{"day", when.substr(0, when.find(' '))}});
}

std::string chinese_duration(const Deployment& d, Duration span) {
  const long long s = span.count();
  // "24小时" reads better than "1天" for a one-day clock; longer spans in days.
  auto say = [&](const char* key, long long n) { return d.wording.render(key, {{"n", std::to_string(n)}}); };
  if (s > 86400 && s % 86400 == 0) return say("time.days", s / 86400);
  if (s > 0 && s % 3600 == 0) return say("time.hours", s / 3600);
  if (s > 0 && s % 60 == 0) return say("time.minutes", s / 60);
  return say("time.seconds", s);
}

}  // namespace paike
