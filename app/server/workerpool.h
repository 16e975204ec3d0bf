#pragma once

#include "core/result.h"
#include "server/backend.h"

#include <QList>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace sg::server {

// Threads that answer API requests off the network thread, each with a Backend of its own (its own database
// connection), so that a 10,000-item batch or a report never holds up /api/v1/health or the other connections.
// A job goes to the thread with the fewest jobs waiting.
class WorkerPool
{
public:
    using Factory = std::function<Result<std::unique_ptr<Backend>>()>;

    // Starts `threads` threads and opens a Backend on each (factory runs on the worker thread); an error of any
    // of them is returned and the pool stays empty.
    static Result<std::unique_ptr<WorkerPool>> start(int threads, const Factory &factory);
    // Finishes the jobs already queued, closes each Backend on its own thread and joins the threads.
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // Runs job on a worker thread with that thread's Backend.
    void post(std::function<void(Backend &)> job);
    int size() const { return int(m_workers.size()); }

private:
    WorkerPool() = default;

    struct Worker
    {
        QThread thread;
        QObject *context = nullptr; // lives on thread
        std::unique_ptr<Backend> backend; // used on thread only
        std::atomic<int> queued{0};
    };
    QList<std::shared_ptr<Worker>> m_workers;
};

} // namespace sg::server
