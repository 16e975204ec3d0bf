#pragma once

// The server module of a benchmark: a fresh data folder (and, when adjust names one, a PostgreSQL database), the
// demo school, `extra` more pending students in school
// 1 (one transaction of plain inserts), started on a free loopback port. Any failure ends the program with a
// message on stderr.

#include "server/database.h"
#include "server/demoseeder.h"
#include "server/server.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

namespace sg::bench {

inline const QString kBenchPassword = QStringLiteral("bench: quiet lamp river 2026");

struct BenchServer
{
    QTemporaryDir dir;
    std::unique_ptr<server::Server> server;
    QList<qint64> students; // the extra students' ids

    explicit BenchServer(int extra, const std::function<void(server::ServerOptions &)> &adjust = {})
    {
        server::ServerOptions options;
        options.dataDir = dir.path();
        if (adjust)
            adjust(options);
        server = std::make_unique<server::Server>(options);
        if (!server->open())
            fail(QStringLiteral("server open"));
        server::DemoSeeder seeder(server->database(), server->accounts(), server->clock());
        if (!seeder.seed(kBenchPassword))
            fail(QStringLiteral("demo seed"));
        QSqlDatabase &db = server->database().connection();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, "
                                 "registered_at) VALUES (1, 'student', ?, 'Иван', '', '', '', "
                                 "'2026-11-01T08:00:00.000Z') RETURNING id"));
        for (int i = 0; i < extra; ++i) {
            q.addBindValue(QStringLiteral("Ученик%1").arg(i));
            if (!q.exec())
                fail(QStringLiteral("insert: ") + q.lastError().text());
            students.append(server::Database::returnedId(q));
        }
        db.commit();
        if (!server->start())
            fail(QStringLiteral("server start"));
    }

    [[noreturn]] static void fail(const QString &what)
    {
        std::fprintf(stderr, "bench server: %s\n", qPrintable(what));
        std::exit(1);
    }
};

} // namespace sg::bench
