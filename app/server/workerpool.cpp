#include "server/workerpool.h"

#include "core/errorcodes.h"

#include <QMetaObject>

#include <optional>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace sg::server {

namespace {

// Workers do bulk work (a batch, a report); the network thread answers everyone. Under contention for the cores the
// scheduler should prefer the network thread, so workers run at a lower priority: nice +5 on Linux (Linux applies
// nice per thread; QThread's priorities have no effect under its default policy), below normal elsewhere.
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace

Result<std::unique_ptr<WorkerPool>> WorkerPool::start(int threads, const Factory &factory)
{
    std::unique_ptr<WorkerPool> pool(new WorkerPool);
    for (int i = 0; i < threads; ++i) {
        auto worker = std::make_shared<Worker>();
        worker->thread.setObjectName(QStringLiteral("sg-worker-%1").arg(i + 1));
        worker->context = new QObject;
        worker->context->moveToThread(&worker->thread);
        QObject::connect(&worker->thread, &QThread::finished, worker->context, &QObject::deleteLater);
        worker->thread.start();
        pool->m_workers.append(worker);
        std::optional<Error> failure;
        QMetaObject::invokeMethod(
            worker->context,
            [&] {
                lowerThisThreadsPriority();
                auto backend = factory();
                if (backend)
                    worker->backend = std::move(backend).value();
                else
                    failure = backend.error();
            },
            Qt::BlockingQueuedConnection);
        if (failure)
            return *failure; // the destructor stops the threads started so far
    }
    return pool;
}

WorkerPool::~WorkerPool()
{
    for (const std::shared_ptr<Worker> &worker : std::as_const(m_workers)) {
        // Queued after every job already posted: the Backend closes its connection on the thread that opened it.
        QMetaObject::invokeMethod(
            worker->context, [w = worker.get()] { w->backend.reset(); }, Qt::BlockingQueuedConnection);
        worker->thread.quit();
        worker->thread.wait();
    }
}

void WorkerPool::post(std::function<void(Backend &)> job)
{
    Worker *least = nullptr;
    for (const std::shared_ptr<Worker> &worker : std::as_const(m_workers)) {
        if (!least || worker->queued.load() < least->queued.load())
            least = worker.get();
    }
    Q_ASSERT(least);
    ++least->queued;
    QMetaObject::invokeMethod(
        least->context,
        [least, job = std::move(job)] {
            job(*least->backend);
            --least->queued;
        },
        Qt::QueuedConnection);
}

} // namespace sg::server
