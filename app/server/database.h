#pragma once

#include "core/jsonwriter.h"
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

// A PostgreSQL array literal ({1,2} or {"a","b"}), bound as one parameter cast to bigint[] or text[].
class PgArrayWriter
{
public:
    explicit PgArrayWriter(qsizetype reserve = 64) { m_text.reserve(reserve); }
    void add(qint64 value);
    void add(const QString &value);
    QString text() const { return QString::fromUtf8(m_text + '}'); }

private:
    void separate() { m_text += m_text.isEmpty() ? '{' : ','; }
    QByteArray m_text;
};

template<typename Range, typename Get>
QString pgArrayText(const Range &range, Get get)
{
    PgArrayWriter w(qsizetype(std::size(range)) * 24 + 2);
    for (const auto &element : range)
        w.add(get(element));
    return std::size(range) == 0 ? QStringLiteral("{}") : w.text();
}

// Owns one database connection (one per thread) and the schema, on SQLite or PostgreSQL.
// SQLite: WAL, synchronous=FULL, foreign keys on, a busy timeout. PostgreSQL: Qt's QPSQL driver; several server
// instances may share one database. Migrations are ordered and each runs in a transaction.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) the SQLite file at path and migrates it to the current schema, or to
    // upToVersion when given (upgrade tests make a database as an older release left it).
    static Result<std::unique_ptr<Database>> openSqlite(const QString &path, int upToVersion = -1);
    // Connects to PostgreSQL by a URL, postgresql://user[:password]@host[:port]/database[?option=value&...]
    // (libpq options such as sslmode, sslrootcert, connect_timeout; a missing password comes from PGPASSWORD or
    // ~/.pgpass), and migrates the database.
    static Result<std::unique_ptr<Database>> openPostgres(const QString &url, int upToVersion = -1);
    // A postgresql:// or postgres:// URL opens PostgreSQL; an empty one the SQLite file at sqlitePath.
    static Result<std::unique_ptr<Database>> open(const QString &url, const QString &sqlitePath);
    static bool isPostgresUrl(const QString &url);
    // The URL without its password, for logs and messages.
    static QString redactedUrl(const QString &url);

    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }

    // A list parameter in a WHERE clause: "IN (SELECT value FROM json_each(?))" on SQLite,
    // "= ANY (?::<pgType>[])" on PostgreSQL; bind listParam() to it.
    QString inList(const char *pgType) const;
    template<typename Range, typename Get>
    QString listParam(const Range &range, Get get) const
    {
        return isPostgres() ? pgArrayText(range, get) : jsonArrayText(range, get);
    }
    // The id an "INSERT … RETURNING id" gave (0 when it gave none). Finishes the statement, which SQLite needs
    // before the transaction can commit.
    static qint64 returnedId(QSqlQuery &insert)
    {
        const qint64 id = insert.next() ? insert.value(0).toLongLong() : 0;
        insert.finish();
        return id;
    }
    // A unique or primary key constraint refused the statement.
    bool isUniqueViolation(const QSqlError &error) const;

    QSqlDatabase &connection() { return m_db; }
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    // A prepared query on this connection (cached by Qt's driver for repeated exec()).
    QSqlQuery prepare(const QString &sql);
    // Runs one statement; on failure returns an Error with the driver's text (for logs only).
    Status exec(QSqlQuery &query);

    // Write transactions are serialised: SQLite's write lock, and on PostgreSQL one advisory lock per database
    // taken at the start. What a transaction reads is then what it writes over, on every instance.
    bool beginTransaction();
    bool commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    bool isHealthy();

private:
    Database(QSqlDatabase db, Dialect dialect);
    Status migrate(int upToVersion = -1);

    QSqlDatabase m_db;
    Dialect m_dialect = Dialect::Sqlite;
    bool m_inTransaction = false;
    QString m_connectionName;
    int m_schemaVersion = 0;
};

// Rows for one set-based statement (a batch of decisions, of audit entries), sent as few parameters whatever their
// number: one JSON array read by json_each on SQLite, one array per column read by unnest on PostgreSQL.
// select() is a SELECT of the named columns and n, the row's position from 1; bind() binds its parameters at the
// point of the query where select() stands.
class BatchRows
{
public:
    struct Column
    {
        QString name;
        const char *pgType; // "bigint" or "text"
    };

    BatchRows(const Database &db, QList<Column> columns, qsizetype expectedRows);

    void beginRow()
    {
        m_column = 0;
        if (!m_postgres)
            m_json.beginArray();
    }
    void add(qint64 value);
    void add(const QString &value);
    void endRow();
    qsizetype size() const { return m_rows; }

    QString select() const;
    // Binds the parameters after those bound so far (addBindValue), or from position firstIndex on.
    void bind(QSqlQuery &query, int firstIndex = -1) const;

private:
    bool m_postgres;
    QList<Column> m_columnsInfo;
    JsonWriter m_json;
    QList<PgArrayWriter> m_arrays;
    qsizetype m_column = 0;
    qsizetype m_rows = 0;
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
    // Ends it now (the destructor would), so that what follows runs outside it.
    void rollback()
    {
        if (m_active) {
            m_active = false;
            m_db.rollback();
        }
    }

private:
    Database &m_db;
    bool m_active;
};

} // namespace sg::server
