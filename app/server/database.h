#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace sg::server {

// Qt SQL binds a null QString as SQL NULL; text columns here are NOT NULL DEFAULT ''. Bind text through this.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString::fromLatin1("", 0)) : QVariant(value);
}

// Owns one database connection (one per thread) and the schema. SQLite by default: WAL,
// synchronous=FULL, foreign keys on, a busy timeout. Migrations are ordered and each runs in a transaction.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) the SQLite file at path and migrates it to the current schema, or to
    // upToVersion when given (upgrade tests make a database as an older release left it).
    static Result<std::unique_ptr<Database>> openSqlite(const QString &path, int upToVersion = -1);

    QSqlDatabase &connection() { return m_db; }
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    // A prepared query on this connection (cached by Qt's driver for repeated exec()).
    QSqlQuery prepare(const QString &sql);
    // Runs one statement; on failure returns an Error with the driver's text (for logs only).
    Status exec(QSqlQuery &query);

    bool beginTransaction();
    bool commit();
    void rollback();

    bool isHealthy();

private:
    explicit Database(QSqlDatabase db);
    Status migrate(int upToVersion = -1);

    QSqlDatabase m_db;
    QString m_connectionName;
    int m_schemaVersion = 0;
};

// Commits on commit(), rolls back when destroyed without it.
class Transaction
{
public:
    explicit Transaction(Database &db)
        : m_db(db)
        , m_active(db.beginTransaction())
    {}
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        return m_db.commit();
    }

private:
    Database &m_db;
    bool m_active;
};

} // namespace sg::server
