#include "server/database.h"

#include "core/errorcodes.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcDb, "sg.server.db")

namespace sg::server {

namespace {

QAtomicInteger<int> s_connectionCounter;

// Advisory lock keys of PostgreSQL (any two numbers no other program on the database uses).
constexpr qint64 kWriterLock = 0x5347'0001; // held by every write transaction
constexpr qint64 kMigrationLock = 0x5347'0002; // held while an instance migrates the schema

// Ordered migrations: index i moves the schema from version i to i + 1. Never edit a published one;
// append a new one instead.
const QStringList &migrations()
{
    static const QStringList list{
        // 1: accounts, sessions, schools, classes, members, decisions, reports, idempotency keys
        QStringLiteral(R"SQL(
CREATE TABLE schools (
    id INTEGER PRIMARY KEY,
    inn TEXT NOT NULL UNIQUE,
    kpp TEXT NOT NULL DEFAULT '',
    ogrn TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    director_status TEXT NOT NULL DEFAULT 'none',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    school_id INTEGER REFERENCES schools(id),
    display_name TEXT NOT NULL DEFAULT '',
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
    letter TEXT NOT NULL,
    UNIQUE (school_id, grade, letter)
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    role TEXT NOT NULL CHECK (role IN ('teacher', 'student')),
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    class_id INTEGER REFERENCES classes(id),
    user_id INTEGER REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL DEFAULT '',
    esia_level TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    registered_at TEXT NOT NULL
);
CREATE INDEX members_school_role ON members(school_id, role);
CREATE INDEX members_class ON members(class_id);
CREATE TABLE teacher_classes (
    teacher_id INTEGER NOT NULL REFERENCES members(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    PRIMARY KEY (teacher_id, class_id)
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    actor_id INTEGER NOT NULL REFERENCES users(id),
    decided_at TEXT NOT NULL,
    report_id INTEGER REFERENCES reports(id)
);
CREATE INDEX decisions_unreported ON decisions(school_id, report_id);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    number INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    UNIQUE (school_id, number)
);
CREATE TABLE idempotency_keys (
    key TEXT NOT NULL,
    scope TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_created ON idempotency_keys(created_at);
)SQL"),
        // 2: director confirmation (consent, requests with the order file), notifications, mail outbox, audit log
        QStringLiteral(R"SQL(
ALTER TABLE schools ADD COLUMN director_name TEXT NOT NULL DEFAULT '';
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    text_version TEXT NOT NULL,
    accepted_at TEXT NOT NULL
);
CREATE INDEX consents_school ON consents(school_id, id);
CREATE TABLE director_requests (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    kind TEXT NOT NULL CHECK (kind IN ('initial', 'change')),
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    inn TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'confirmed', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    submitted_by INTEGER NOT NULL REFERENCES users(id),
    submitted_at TEXT NOT NULL,
    expected_by TEXT NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    decided_at TEXT NOT NULL DEFAULT '',
    order_name TEXT NOT NULL DEFAULT '',
    order_type TEXT NOT NULL DEFAULT '',
    order_data BLOB,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX director_requests_status ON director_requests(status, id);
CREATE INDEX director_requests_school ON director_requests(school_id, id);
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notifications_school ON notifications(school_id, id);
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_pending ON mail_outbox(sent_at, id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    school_id INTEGER,
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_school ON audit_log(school_id, id);
)SQL"),
        // 3: failed sign-ins, for the brute-force limits (kept in the database: several instances share them)
        QStringLiteral(R"SQL(
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures(login, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
)SQL"),
        // 4: what a decision replaced, so an unreported decision can be reverted
        QStringLiteral(R"SQL(
ALTER TABLE decisions ADD COLUMN previous_status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE decisions ADD COLUMN previous_reason TEXT NOT NULL DEFAULT '';
)SQL"),
        // 5: the change feed (GET /schools/{id}/changes). Every insert or update of a member or of a school takes
        // the next value of one database-wide counter into its change_seq, by trigger, so that no code path
        // (decisions, reverts, graduation, CSV import, demo seeding, admin commands, hand-written SQL) can forget
        // it. A client keeps the highest change_seq it has seen as its cursor and asks for "change_seq > cursor".
        //
        // That is safe here because SQLite serialises writers: the counter is incremented inside the writer's
        // transaction, which holds the write lock until it commits, so rows become visible in change_seq order
        // and a reader can never see seq n + 1 while n is still uncommitted. PostgreSQL keeps the same design (see
        // postgresMigrations below): the counter row's lock is held until commit, so the same holds there.
        //
        // The existing rows get distinct values (members by id, then schools). What a teacher may see depends on
        // teacher_classes and the class name shown depends on classes: changes there touch the members concerned
        // ("SET change_seq = change_seq" fires the member trigger) so that the feed reports them again. The feed
        // cannot report a row that left the caller's view (members are never deleted; a removed teacher_classes
        // row or a student moved to another class is not reported to the old class's teacher).
        // Triggers: recursive_triggers is off (the default), and the WHEN clause keeps a trigger's own
        // "SET change_seq = <new value>" from firing it again even if it were on.
        QStringLiteral(R"SQL(
ALTER TABLE members ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE schools ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL CHECK (value >= 0)
);
UPDATE members SET change_seq = id;
UPDATE schools SET change_seq = (SELECT COALESCE(MAX(id), 0) FROM members) + id;
INSERT INTO change_counter (id, value) VALUES (1, MAX(
    (SELECT COALESCE(MAX(change_seq), 0) FROM members), (SELECT COALESCE(MAX(change_seq), 0) FROM schools)));
CREATE INDEX members_school_change ON members(school_id, change_seq);
CREATE TRIGGER members_change_insert AFTER INSERT ON members
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE members SET change_seq = (SELECT value FROM change_counter WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER members_change_update AFTER UPDATE ON members WHEN NEW.change_seq IS OLD.change_seq
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE members SET change_seq = (SELECT value FROM change_counter WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER schools_change_insert AFTER INSERT ON schools
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE schools SET change_seq = (SELECT value FROM change_counter WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER schools_change_update AFTER UPDATE ON schools WHEN NEW.change_seq IS OLD.change_seq
BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE schools SET change_seq = (SELECT value FROM change_counter WHERE id = 1) WHERE id = NEW.id;
END;
CREATE TRIGGER teacher_classes_change_insert AFTER INSERT ON teacher_classes
BEGIN
    UPDATE members SET change_seq = change_seq WHERE class_id = NEW.class_id AND role = 'student';
END;
CREATE TRIGGER classes_change_update AFTER UPDATE ON classes
BEGIN
    UPDATE members SET change_seq = change_seq WHERE class_id = NEW.id;
END;
)SQL"),
        // 6: sign-in through ESIA. The person behind an account (what a Gosuslugi account must match before it is
        // linked), the links, and the broker's state: flows in progress (the state sent to ESIA, the client's PKCE
        // challenge and loopback redirect, then the person while a link is pending) and the one-time codes the
        // desktop client exchanges. All of it in the database, so any instance can take any step.
        QStringLiteral(R"SQL(
ALTER TABLE users ADD COLUMN surname TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN given_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN patronymic TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
CREATE TABLE esia_links (
    oid TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    linked_at TEXT NOT NULL
);
CREATE TABLE esia_flows (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    client_redirect TEXT NOT NULL,
    client_state TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    stage TEXT NOT NULL DEFAULT 'esia' CHECK (stage IN ('esia', 'link', 'done')),
    person TEXT NOT NULL DEFAULT ''
);
CREATE INDEX esia_flows_created ON esia_flows(created_at);
CREATE TABLE esia_codes (
    code_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_challenge TEXT NOT NULL,
    client_redirect TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX esia_codes_created ON esia_codes(created_at);
)SQL"),
        // 7: one-time links mailed to people (setting the password of a teacher's account made by an approval).
        // Only the SHA-256 of a link's token is kept, as for sessions.
        QStringLiteral(R"SQL(
CREATE TABLE account_tokens (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX account_tokens_user ON account_tokens(user_id);
)SQL"),
        // 8: applications («Заявка в школу»): people asking to join a school, waiting for their e-mail to be
        // confirmed, then tied to the pending person they became; and the mails sent per address (the daily limit).
        QStringLiteral(R"SQL(
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools(id),
    role TEXT NOT NULL CHECK (role IN ('teacher', 'student')),
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    class_id INTEGER REFERENCES classes(id),
    token_hash BLOB NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    confirmed_at INTEGER NOT NULL DEFAULT 0,
    member_id INTEGER REFERENCES members(id)
);
CREATE INDEX applications_school_email ON applications(school_id, email);
CREATE INDEX applications_address ON applications(address, created_at);
CREATE TABLE application_mails (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX application_mails_email ON application_mails(email, at);
)SQL"),
    };
    return list;
}

// Splits a migration script into its statements at ';'. The body of a CREATE TRIGGER (SQLite) or of a function
// between $$ quotes (PostgreSQL) holds statements of its own: its pieces are joined again until the trigger's closing
// END or the closing $$. (Migration scripts carry no ';' in comments or string literals.)
QStringList statementsOf(const QString &script)
{
    static const QRegularExpression triggerStart(
        QStringLiteral(R"(^(\s*--[^\n]*\n)*\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression triggerEnd(
        QStringLiteral(R"(\bEND\s*$)"), QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    QString pending;
    for (const QString &piece : script.split(QLatin1Char(';'))) {
        pending += pending.isEmpty() ? piece : QLatin1Char(';') + piece;
        if (pending.count(QLatin1String("$$")) % 2 == 1)
            continue;
        if (!pending.contains(QLatin1String("$$")) && triggerStart.match(pending).hasMatch()
            && !triggerEnd.match(pending).hasMatch())
            continue;
        if (!pending.trimmed().isEmpty())
            out.append(pending);
        pending.clear();
    }
    if (!pending.trimmed().isEmpty())
        out.append(pending);
    return out;
}

// The PostgreSQL form of migrations 1 to 4: the same tables with PostgreSQL's types (64-bit integers, identity
// keys, bytea).
QString postgresFormOf(QString script)
{
    // PostgreSQL checks a foreign key's table when the key is declared: decisions, made before reports, gets its key
    // to reports at the end.
    const QString forward = QStringLiteral("report_id INTEGER REFERENCES reports(id)");
    if (script.contains(forward)) {
        script.replace(forward, QStringLiteral("report_id INTEGER"));
        script += QStringLiteral("ALTER TABLE decisions ADD FOREIGN KEY (report_id) REFERENCES reports(id);\n");
    }
    script.replace(QRegularExpression(QStringLiteral(R"(\bid INTEGER PRIMARY KEY\b)")),
        QStringLiteral("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    script.replace(QRegularExpression(QStringLiteral(R"(\bINTEGER\b)")), QStringLiteral("BIGINT"));
    script.replace(QRegularExpression(QStringLiteral(R"(\bBLOB\b)")), QStringLiteral("BYTEA"));
    return script;
}

// The PostgreSQL migrations. 1 to 4 are the SQLite ones in PostgreSQL's types. 5, the change feed, keeps the
// design of SQLite's: one database-wide counter row, taken by trigger. Its row lock is held until the writer
// commits, so change_seq values become visible in commit order and a cursor never passes a change in flight
// (a SEQUENCE would hand out values that commit out of order). Writers are serialised anyway (see
// Database::beginTransaction), so the counter costs no concurrency.
const QStringList &postgresMigrations()
{
    static const QStringList list = [] {
        QStringList out;
        for (qsizetype i = 0; i < 4; ++i)
            out.append(postgresFormOf(migrations().at(i)));
        // 5: its tables and first values as on SQLite (in PostgreSQL's types), its triggers in PL/pgSQL.
        const QString feed = migrations().at(4);
        QString tables = postgresFormOf(feed.left(feed.indexOf(QLatin1String("CREATE TRIGGER"))));
        tables.replace(QLatin1String("VALUES (1, MAX("), QLatin1String("VALUES (1, GREATEST("));
        out.append(tables + QStringLiteral(R"SQL(
CREATE FUNCTION sg_take_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.change_seq IS DISTINCT FROM OLD.change_seq THEN
            RETURN NEW;
        END IF;
    END IF;
    UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value INTO NEW.change_seq;
    RETURN NEW;
END
$$;
CREATE TRIGGER members_change BEFORE INSERT OR UPDATE ON members FOR EACH ROW EXECUTE FUNCTION sg_take_change_seq();
CREATE TRIGGER schools_change BEFORE INSERT OR UPDATE ON schools FOR EACH ROW EXECUTE FUNCTION sg_take_change_seq();
CREATE FUNCTION sg_touch_class_students() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE members SET change_seq = change_seq WHERE class_id = NEW.class_id AND role = 'student';
    RETURN NULL;
END
$$;
CREATE TRIGGER teacher_classes_change_insert AFTER INSERT ON teacher_classes
    FOR EACH ROW EXECUTE FUNCTION sg_touch_class_students();
CREATE FUNCTION sg_touch_class_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE members SET change_seq = change_seq WHERE class_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER classes_change_update AFTER UPDATE ON classes FOR EACH ROW EXECUTE FUNCTION sg_touch_class_members();
)SQL"));
        // 6 and later: SQLite's, in PostgreSQL's types.
        for (qsizetype i = 5; i < migrations().size(); ++i)
            out.append(postgresFormOf(migrations().at(i)));
        return out;
    }();
    return list;
}

} // namespace

void PgArrayWriter::add(qint64 value)
{
    separate();
    m_text += QByteArray::number(value);
}

void PgArrayWriter::add(const QString &value)
{
    separate();
    m_text += '"';
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        if (c == '"' || c == '\\')
            m_text += '\\';
        m_text += c;
    }
    m_text += '"';
}

BatchRows::BatchRows(const Database &db, QList<Column> columns, qsizetype expectedRows)
    : m_postgres(db.isPostgres())
    , m_columnsInfo(std::move(columns))
    , m_json(m_postgres ? 2 : expectedRows * m_columnsInfo.size() * 24 + 2)
{
    if (m_postgres) {
        for (qsizetype i = 0; i < m_columnsInfo.size(); ++i)
            m_arrays.append(PgArrayWriter(expectedRows * 24 + 2));
    } else {
        m_json.beginArray();
    }
}

void BatchRows::add(qint64 value)
{
    if (m_postgres)
        m_arrays[m_column].add(value);
    else
        m_json.value(value);
    ++m_column;
}

void BatchRows::add(const QString &value)
{
    if (m_postgres)
        m_arrays[m_column].add(value);
    else
        m_json.value(value);
    ++m_column;
}

void BatchRows::endRow()
{
    Q_ASSERT(m_column == m_columnsInfo.size());
    if (!m_postgres)
        m_json.endArray();
    ++m_rows;
}

QString BatchRows::select() const
{
    QStringList names;
    for (const Column &c : m_columnsInfo)
        names.append(c.name);
    if (m_postgres) {
        QStringList params;
        for (const Column &c : m_columnsInfo)
            params.append(QStringLiteral("?::%1[]").arg(QLatin1String(c.pgType)));
        return QStringLiteral("SELECT * FROM unnest(%1) WITH ORDINALITY AS u(%2, n)")
            .arg(params.join(QStringLiteral(", ")), names.join(QStringLiteral(", ")));
    }
    QStringList columns;
    for (qsizetype i = 0; i < names.size(); ++i)
        columns.append(QStringLiteral("json_extract(value, '$[%1]') AS %2").arg(i).arg(names.at(i)));
    return QStringLiteral("SELECT key + 1 AS n, %1 FROM json_each(?)").arg(columns.join(QStringLiteral(", ")));
}

void BatchRows::bind(QSqlQuery &query, int firstIndex) const
{
    QVariantList values;
    if (m_postgres) {
        for (const PgArrayWriter &a : m_arrays)
            values.append(m_rows == 0 ? QStringLiteral("{}") : a.text());
    } else {
        JsonWriter copy = m_json;
        copy.endArray();
        values.append(QString::fromUtf8(copy.data()));
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (firstIndex < 0)
            query.addBindValue(values.at(i));
        else
            query.bindValue(firstIndex + int(i), values.at(i));
    }
}

Database::Database(QSqlDatabase db, Dialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
    , m_connectionName(m_db.connectionName())
{}

Database::~Database()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

Result<std::unique_ptr<Database>> Database::openSqlite(const QString &path, int upToVersion)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error{
            QString::fromLatin1(errc::Internal), QStringLiteral("cannot create folder %1").arg(info.absolutePath())};

    const QString name = QStringLiteral("sg-server-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    // Writers wait for each other (one batch of 10,000 decisions takes about a second) rather than fail.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    std::unique_ptr<Database> self(new Database(std::move(db), Dialect::Sqlite));
    if (!self->m_db.open())
        return Error{QString::fromLatin1(errc::Internal), self->m_db.lastError().text()};

    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        QSqlQuery q(self->m_db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return Error{QString::fromLatin1(errc::Internal), q.lastError().text()};
    }
    {
        // A file that is not a database (or is corrupt) fails here with a clear message, before any write.
        QSqlQuery q(self->m_db);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
            return Error{QString::fromLatin1(errc::Internal),
                QStringLiteral("database %1 is damaged or is not a SchoolGate database").arg(path)};
    }
    if (auto st = self->migrate(upToVersion); !st)
        return st.error();
    return self;
}

bool Database::isPostgresUrl(const QString &url)
{
    return url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"));
}

QString Database::redactedUrl(const QString &url)
{
    QUrl u(url);
    if (!u.password().isEmpty())
        u.setPassword(QStringLiteral("***"));
    return u.toString();
}

Result<std::unique_ptr<Database>> Database::open(const QString &url, const QString &sqlitePath)
{
    if (url.trimmed().isEmpty())
        return openSqlite(sqlitePath);
    if (!isPostgresUrl(url.trimmed()))
        return Error{QString::fromLatin1(errc::Internal),
            QStringLiteral("database URL %1: only postgresql:// URLs are known (leave it empty for the SQLite file)")
                .arg(redactedUrl(url))};
    return openPostgres(url.trimmed());
}

Result<std::unique_ptr<Database>> Database::openPostgres(const QString &url, int upToVersion)
{
    const auto fail = [&](const QString &why) {
        return Error{
            QString::fromLatin1(errc::Internal), QStringLiteral("PostgreSQL %1: %2").arg(redactedUrl(url), why)};
    };
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || !isPostgresUrl(url) || u.host().isEmpty())
        return fail(QStringLiteral("not a valid postgresql://user@host[:port]/database URL"));
    const QString databaseName = u.path().mid(1);
    if (databaseName.isEmpty() || databaseName.contains(QLatin1Char('/')))
        return fail(QStringLiteral("the URL names no database"));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed"));

    static const QRegularExpression optionName(QStringLiteral("^[a-z_]+$"));
    static const QRegularExpression optionValue(QStringLiteral("^[A-Za-z0-9_./:@+-]*$"));
    QStringList options;
    const QList<std::pair<QString, QString>> items = QUrlQuery(u).queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!optionName.match(name).hasMatch() || !optionValue.match(value).hasMatch())
            return fail(QStringLiteral("the option %1 is not a libpq option with a plain value").arg(name));
        options.append(name + QLatin1Char('=') + value);
    }

    const QString name = QStringLiteral("sg-server-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(u.host());
    if (u.port() > 0)
        db.setPort(u.port());
    db.setDatabaseName(databaseName);
    db.setUserName(u.userName(QUrl::FullyDecoded));
    if (!u.password().isEmpty())
        db.setPassword(u.password(QUrl::FullyDecoded));
    db.setConnectOptions(options.join(QLatin1Char(';')));
    std::unique_ptr<Database> self(new Database(std::move(db), Dialect::Postgres));
    if (!self->m_db.open())
        return fail(self->m_db.lastError().text().trimmed());
    {
        QSqlQuery q(self->m_db);
        // Text travels as UTF-8 and the session's times are UTC, whatever the server's defaults; notices such as
        // "relation already exists, skipping" stay out of the log.
        if (!q.exec(QStringLiteral("SET client_encoding = 'UTF8'")) || !q.exec(QStringLiteral("SET TimeZone = 'UTC'"))
            || !q.exec(QStringLiteral("SET client_min_messages = warning")))
            return fail(q.lastError().text());
    }
    if (auto st = self->migrate(upToVersion); !st)
        return st.error();
    return self;
}

QString Database::inList(const char *pgType) const
{
    if (isPostgres())
        return QStringLiteral("= ANY (?::%1[])").arg(QLatin1String(pgType));
    return QStringLiteral("IN (SELECT value FROM json_each(?))");
}

bool Database::isUniqueViolation(const QSqlError &error) const
{
    const QString code = error.nativeErrorCode();
    if (isPostgres())
        return code == QLatin1String("23505");
    // SQLITE_CONSTRAINT_UNIQUE (2067), SQLITE_CONSTRAINT_PRIMARYKEY (1555)
    return code == QLatin1String("2067") || code == QLatin1String("1555");
}

Status Database::migrate(int upToVersion)
{
    QSqlQuery q(m_db);
    if (isPostgres()) {
        // Instances starting at once migrate one after the other; the second finds the work done.
        if (!q.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock)))
            return Error{QString::fromLatin1(errc::Internal), q.lastError().text()};
    }
    const auto unlock = qScopeGuard([this] {
        if (isPostgres()) {
            QSqlQuery u(m_db);
            u.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock));
        }
    });
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version %1 PRIMARY KEY, "
                               "applied_at TEXT NOT NULL)")
                    .arg(isPostgres() ? QLatin1String("BIGINT") : QLatin1String("INTEGER"))))
        return Error{QString::fromLatin1(errc::Internal), q.lastError().text()};
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !q.next())
        return Error{QString::fromLatin1(errc::Internal), q.lastError().text()};
    m_schemaVersion = q.value(0).toInt();
    const QStringList &steps = isPostgres() ? postgresMigrations() : migrations();
    if (m_schemaVersion > steps.size())
        return Error{QString::fromLatin1(errc::Internal),
            QStringLiteral("database schema %1 is newer than this program (%2): upgrade SchoolGate")
                .arg(m_schemaVersion)
                .arg(steps.size())};

    const int target = upToVersion < 0 ? int(steps.size()) : std::min(upToVersion, int(steps.size()));
    for (int v = m_schemaVersion; v < target; ++v) {
        Transaction tx(*this);
        for (const QString &sql : statementsOf(steps.at(v))) {
            if (!q.exec(sql))
                return Error{QString::fromLatin1(errc::Internal),
                    QStringLiteral("migration %1 failed: %2").arg(v + 1).arg(q.lastError().text())};
        }
        q.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(v + 1);
        q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!q.exec() || !tx.commit())
            return Error{QString::fromLatin1(errc::Internal), q.lastError().text()};
        m_schemaVersion = v + 1;
        qCInfo(lcDb) << "migrated schema to version" << m_schemaVersion;
    }
    return Unit{};
}

QSqlQuery Database::prepare(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        qCWarning(lcDb) << "prepare failed:" << q.lastError().text();
    return q;
}

Status Database::exec(QSqlQuery &query)
{
    if (query.exec())
        return Unit{};
    qCWarning(lcDb) << "query failed:" << query.lastError().text();
    return Error{QString::fromLatin1(errc::Internal), query.lastError().text()};
}

bool Database::beginTransaction()
{
    if (!isPostgres()) {
        // IMMEDIATE: the write lock is taken (waiting up to the busy timeout) before the transaction reads, so a
        // transaction that read and then writes never fails on another connection's commit in between.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            qCWarning(lcDb) << "begin failed:" << q.lastError().text();
            return false;
        }
        m_inTransaction = true;
        return true;
    }
    // PostgreSQL: every write transaction first takes the one writer lock of the database (see database.h).
    if (!m_db.transaction())
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriterLock))) {
        qCWarning(lcDb) << "writer lock failed:" << q.lastError().text();
        m_db.rollback();
        return false;
    }
    m_inTransaction = true;
    return true;
}

bool Database::commit()
{
    m_inTransaction = false;
    return m_db.commit();
}

void Database::rollback()
{
    m_inTransaction = false;
    m_db.rollback();
}

bool Database::isHealthy()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

} // namespace sg::server
