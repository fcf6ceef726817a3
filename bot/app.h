// The running bot: HTTP server, platforms, inbox worker, scheduler and outbox sender around one
// deployment and one data dir. start() binds and starts the threads; stop() stops taking
// requests, finishes the event in hand and returns. Not copyable; start/stop from one thread.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/app_services.h"
#include "bot/http/guarded_server.h"
#include "bot/inbox_worker.h"
#include "bot/outbox_sender.h"
#include "bot/public_photos.h"
#include "bot/scheduler.h"
#include "bot/wal_checkpointer.h"
#include "config/deployment.h"
#include "config/load.h"
#include "handlers/handler_set.h"
#include "storage/data_dir_lock.h"

namespace paike {

struct AppOptions {
  std::filesystem::path data_dir;  // the photos live here, and the SQLite file (storage: sqlite)
  std::string host = "127.0.0.1";
  int port = 8080;                                         // 0: any free port (tests)
  bool run_workers = true;                                 // false: accept and store only (tests of the ack path)
  std::shared_ptr<AdjustableClock> clock;                  // default: system time (movable when the simulator is on)
  std::vector<std::unique_ptr<Platform>> extra_platforms;  // besides the simulator and the deployment's
  EnvLookup env = process_env();                           // platform secrets (PAIKE_<PLATFORM>_*)
  // This instance's name in its claims on inbox events and outbox messages (several instances
  // on one PostgreSQL database); empty: PAIKE_INSTANCE, else "<host name>:<port>".
  std::string instance;
  std::string command = "paike";  // who holds the data dir, as its lock file tells: "paike serve"
};

class App {
 public:
  // Opens (and migrates) the database and builds the deployment's platforms; fails with a
  // reason an operator can act on (a missing secret names its environment variable). With
  // SQLite it first takes the data dir's lock (storage/data_dir_lock.h), held until the App is
  // destroyed: a second App on the same data dir, in this process or another, fails with
  // data_dir_in_use naming the first.
  static Result<std::unique_ptr<App>> create(Deployment deployment, AppOptions options);
  ~App();

  // Binds and starts serving in the background. Returns the bound port, or an error.
  Result<int> start();
  void stop();
  int port() const { return port_; }
  // HTTP connections open now (served or waiting for their next request); 0 before start().
  int open_connections() const { return server_ ? server_->open_connections() : 0; }

  const Deployment& deployment() const { return deployment_; }
  AdjustableClock& clock() { return *clock_; }
  InboxWorker& worker() { return *worker_; }
  OutboxSender& sender() { return *sender_; }
  Scheduler& scheduler() { return *scheduler_; }
  // Where the data lives (the deployment's `storage:`); database_path() is SQLite's file.
  StorageTarget storage() const { return StorageTarget::of(deployment_.storage, options_.data_dir); }
  std::filesystem::path database_path() const { return options_.data_dir / "paike.db"; }

 private:
  App(Deployment deployment, AppOptions options);
  // "paike serve on 127.0.0.1:8080", for the data dir's lock file; ", starting up" until bound.
  std::string holder_description(int port, bool bound) const;

  Deployment deployment_;
  AppOptions options_;
  // Before everything that touches the data dir, so that it is released after all of it.
  std::optional<DataDirLock> data_dir_lock_;
  std::shared_ptr<AdjustableClock> clock_;
  // Before every connection it is told about, so that it is destroyed after them.
  std::unique_ptr<WalCheckpointer> wal_checkpointer_;
  std::unique_ptr<DatabasePool> pool_;
  std::unique_ptr<InboxGroupCommit> inbox_commits_;
  std::unique_ptr<PhotoStore> photos_;
  std::unique_ptr<PublicPhotoMaker> public_photos_;
  std::vector<std::unique_ptr<Platform>> owned_platforms_;
  std::map<std::string, Platform*> platforms_;
  std::unique_ptr<HandlerSet> handlers_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<InboxWorker> worker_;
  std::unique_ptr<OutboxSender> sender_;
  Metrics metrics_;
  std::unique_ptr<AppServices> services_;
  std::unique_ptr<http::GuardedServer> server_;
  std::thread server_thread_;
  int port_ = 0;
  bool started_ = false;
};

}  // namespace paike
