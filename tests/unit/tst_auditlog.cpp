#include "fakeclock.h"
#include "server/auditlog.h"
#include "server/database.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using sg::server::AuditEntry;
using sg::server::AuditLog;
using sg::server::Database;

// The audit log: a hash chain over every entry that verify() recomputes. The chain's hash is recomputed
// here independently from the documented canonical form, so a change of the form fails these tests.
namespace {

const QString kGenesis(64, QLatin1Char('0'));

AuditEntry makeEntry(std::optional<qint64> actorId, const QString &actor, const QString &action, const QString &entity,
    const QString &entityId, std::optional<qint64> schoolId, const QJsonObject &before, const QJsonObject &after)
{
    AuditEntry e;
    e.actorId = actorId;
    e.actor = actor;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.schoolId = schoolId;
    e.before = before;
    e.after = after;
    return e;
}

QByteArray netstring(const QByteArray &bytes)
{
    return QByteArray::number(bytes.size()) + ':' + bytes + ',';
}

// Independent implementation of the canonical serialisation documented in auditlog.h, over one stored row.
QString expectedHash(QSqlDatabase &db, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT prev_hash, id, at, actor_id, actor, action, entity, entity_id, school_id, before, "
                             "after FROM audit_log WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return {};
    QByteArray data("sg-audit-v1\n");
    for (int column = 0; column < 11; ++column) {
        const bool integer = column == 1 || column == 3 || column == 8;
        if (q.isNull(column))
            data += netstring({});
        else if (integer)
            data += netstring(QByteArray::number(q.value(column).toLongLong()));
        else
            data += netstring(q.value(column).toString().toUtf8());
    }
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString storedHash(QSqlDatabase &db, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT hash FROM audit_log WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

qint64 rowCount(QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void schemaSqlMatchesTheMigratedTable();
    void appendsAValidChainWithCyrillicText();
    void hashFollowsTheCanonicalForm();
    void detectsTampering_data();
    void detectsTampering();
    void deletingTheLastEntryIsNotDetected();
    void recomputingTheWholeTailIsNotDetected();
    void rolledBackAppendLeavesNoEntry();
    void committedAppendCommitsWithTheChange();
    void twoConnectionsKeepOneChain();
    void entriesFilterBySchoolAndPage();
    void timeComesFromTheClock();
    void rejectsIncompleteEntries();
    void appendAllKeepsOneChain();
    void appendAllIsAllOrNothing();

private:
    bool ensureTable(Database &db);
    void appendFixture(); // entries 1..5, one second apart
    bool runSql(const QStringList &statements);
    QSqlDatabase &connection() { return m_db->connection(); }

    // Where the database is: a file in m_dir, or (unit.auditlog.pg) a fresh PostgreSQL database.
    sg::Result<std::unique_ptr<Database>> openDatabase() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sg::test::TemporaryPostgresDatabase> m_postgres;
    std::unique_ptr<sg::test::FakeClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AuditLog> m_log;
};

sg::Result<std::unique_ptr<Database>> TestAuditLog::openDatabase() const
{
    return m_postgres ? Database::openPostgres(m_postgres->url())
                      : Database::openSqlite(m_dir->filePath(QStringLiteral("server.sqlite")));
}

bool TestAuditLog::ensureTable(Database &db)
{
    QSqlQuery q(db.connection());
    if (db.isPostgres())
        return q.exec(QStringLiteral("SELECT 1 FROM audit_log LIMIT 1")); // created by the schema migration
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE name = 'audit_log'")))
        return false;
    if (q.next())
        return true; // created by the schema migration
    const QStringList statements = AuditLog::schemaSql().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &sql : statements) {
        if (sql.trimmed().isEmpty())
            continue;
        if (!q.exec(sql)) {
            qWarning() << "schema:" << q.lastError().text();
            return false;
        }
    }
    return true;
}

void TestAuditLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (sg::test::TemporaryPostgresDatabase::enabled()) {
        m_postgres = std::make_unique<sg::test::TemporaryPostgresDatabase>();
        QVERIFY2(m_postgres->isValid(), qPrintable(m_postgres->errorString()));
    }
    auto db = openDatabase();
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = std::move(db).value();
    QVERIFY(ensureTable(*m_db));
    m_clock = std::make_unique<sg::test::FakeClock>();
    m_log = std::make_unique<AuditLog>(*m_db, *m_clock);
}

void TestAuditLog::cleanup()
{
    m_log.reset(); // its prepared queries before the connection
    m_db.reset();
    m_clock.reset();
    m_postgres.reset();
    m_dir.reset();
}

void TestAuditLog::appendFixture()
{
    const QList<AuditEntry> fixture{
        makeEntry(std::nullopt, QString(), QStringLiteral("session.created"), QStringLiteral("user"),
            QStringLiteral("1"), std::nullopt, {}, {{QStringLiteral("login"), QStringLiteral("admin")}}),
        makeEntry(7, QStringLiteral("direktor"), QStringLiteral("director.submitted"), QStringLiteral("school"),
            QStringLiteral("1"), 1, {{QStringLiteral("director_status"), QStringLiteral("none")}},
            {{QStringLiteral("director_status"), QStringLiteral("submitted")},
                {QStringLiteral("name"), QStringLiteral("Школа № 5 «Ёлочка»")}}),
        makeEntry(7, QStringLiteral("direktor"), QStringLiteral("decision.applied"), QStringLiteral("member"),
            QStringLiteral("42"), 1, {{QStringLiteral("status"), QStringLiteral("pending")}},
            {{QStringLiteral("status"), QStringLiteral("approved")},
                {QStringLiteral("reason"), QStringLiteral("Документы проверены")}}),
        makeEntry(9, QStringLiteral("Иванова"), QStringLiteral("decision.applied"), QStringLiteral("member"),
            QStringLiteral("43"), 2, {{QStringLiteral("status"), QStringLiteral("pending")}},
            {{QStringLiteral("status"), QStringLiteral("rejected")}}),
        makeEntry(7, QStringLiteral("direktor"), QStringLiteral("report.created"), QStringLiteral("report"),
            QStringLiteral("1"), 1, {}, {{QStringLiteral("number"), 1}}),
    };
    qint64 expectedId = 1;
    for (const AuditEntry &e : fixture) {
        const auto id = m_log->append(e);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        QCOMPARE(id.value(), expectedId++);
        m_clock->advance(1);
    }
}

bool TestAuditLog::runSql(const QStringList &statements)
{
    QSqlQuery q(connection());
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            qWarning() << sql << q.lastError().text();
            return false;
        }
    }
    return true;
}

void TestAuditLog::schemaSqlMatchesTheMigratedTable()
{
    // schemaSql() and the table the server's migration creates must not drift apart.
    auto describe = [](QSqlDatabase &db) {
        QStringList out;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA table_info(audit_log)")))
            return out;
        while (q.next()) {
            out.append(QStringLiteral("%1 %2 notnull=%3 default=%4 pk=%5")
                           .arg(q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                               q.value(4).toString(), q.value(5).toString()));
        }
        if (q.exec(QStringLiteral("PRAGMA index_info(audit_school)"))) {
            while (q.next())
                out.append(QStringLiteral("index %1").arg(q.value(2).toString()));
        }
        return out;
    };

    // On PostgreSQL the migration writes the table in that database's types: the columns, in order, must match.
    const auto columnNames = [](const QStringList &described) {
        QStringList names;
        for (const QString &line : described) {
            if (!line.startsWith(QLatin1String("index ")))
                names.append(line.section(QLatin1Char(' '), 0, 0));
        }
        return names;
    };
    QStringList migrated;
    if (m_postgres) {
        QSqlQuery q(connection());
        QVERIFY(q.exec(QStringLiteral("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                      "'audit_log' ORDER BY ordinal_position")));
        while (q.next())
            migrated.append(q.value(0).toString());
        QCOMPARE(migrated.size(), qsizetype(12));
    } else {
        migrated = describe(connection());
        QCOMPARE(migrated.size(), qsizetype(14)); // 12 columns and the 2 columns of the index
    }
    QStringList fresh;
    const QString name = QStringLiteral("tst_auditlog_schema");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        const QStringList statements = AuditLog::schemaSql().split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &sql : statements) {
            if (!sql.trimmed().isEmpty())
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        fresh = describe(db);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QCOMPARE(m_postgres ? columnNames(fresh) : fresh, migrated);
}

void TestAuditLog::appendsAValidChainWithCyrillicText()
{
    constexpr int n = 120;
    const QStringList surnames{
        QStringLiteral("Иванова"), QStringLiteral("Пётр Щукин"), QStringLiteral("Ёжиков"), QStringLiteral("Smith")};
    {
        // Half inside one transaction, half each on its own: both ways build one chain.
        sg::server::Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        for (int i = 0; i < n; ++i) {
            if (i == n / 2)
                QVERIFY(tx.commit());
            const bool system = i % 3 == 0;
            const auto id = m_log->append(makeEntry(system ? std::nullopt : std::optional<qint64>(100 + i),
                system ? QString() : surnames.at(i % surnames.size()), QStringLiteral("decision.applied"),
                QStringLiteral("member"), QString::number(i), i % 2 ? std::optional<qint64>(1) : std::nullopt,
                {{QStringLiteral("status"), QStringLiteral("pending")}},
                {{QStringLiteral("reason"), QStringLiteral("Причина №%1: «ё» и ъ").arg(i)}}));
            QVERIFY(id.ok());
            QCOMPARE(id.value(), qint64(i + 1));
            m_clock->advance(1);
        }
    }

    const AuditLog::Verification v = m_log->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entries, qint64(n));
    QCOMPARE(v.firstBadId, qint64(0));
    QVERIFY(v.problem.isEmpty());

    const QList<AuditEntry> all = m_log->entries(std::nullopt, 0, 1000);
    QCOMPARE(all.size(), qsizetype(n));
    QString prev = kGenesis;
    for (int i = 0; i < n; ++i) {
        const AuditEntry &e = all.at(i);
        QCOMPARE(e.id, qint64(i + 1));
        QCOMPARE(e.prevHash, prev);
        QCOMPARE(e.hash.size(), qsizetype(64));
        QVERIFY(e.hash != prev);
        prev = e.hash;
        const bool system = i % 3 == 0;
        QCOMPARE(e.actorId.has_value(), !system);
        QCOMPARE(e.actor, system ? QStringLiteral("system") : surnames.at(i % surnames.size()));
        QCOMPARE(e.schoolId.has_value(), i % 2 == 1);
        QCOMPARE(e.entityId, QString::number(i));
        QCOMPARE(e.after.value(QStringLiteral("reason")).toString(), QStringLiteral("Причина №%1: «ё» и ъ").arg(i));
        QCOMPARE(e.before.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    }
}

void TestAuditLog::hashFollowsTheCanonicalForm()
{
    appendFixture();
    for (qint64 id = 1; id <= 5; ++id)
        QCOMPARE(storedHash(connection(), id), expectedHash(connection(), id));

    // Entry 1 written out by hand: genesis, NULL actor_id and school_id as empty fields, '' for empty before.
    const QByteArray first = QByteArray("sg-audit-v1\n64:") + QByteArray(64, '0')
        + ",1:1,24:2026-09-01T09:00:00.000Z,0:,6:system,15:session.created,4:user,1:1,0:,0:,"
          "17:{\"login\":\"admin\"},";
    QCOMPARE(storedHash(connection(), 1),
        QString::fromLatin1(QCryptographicHash::hash(first, QCryptographicHash::Sha256).toHex()));

    // Entry 4: Cyrillic lengths are UTF-8 byte counts ("Иванова" is 14 bytes).
    const QByteArray fourth = "sg-audit-v1\n64:" + storedHash(connection(), 3).toLatin1()
        + ",1:4,24:2026-09-01T09:00:03.000Z,1:9,14:Иванова,16:decision.applied,6:member,2:43,1:2,"
          "20:{\"status\":\"pending\"},21:{\"status\":\"rejected\"},";
    QCOMPARE(storedHash(connection(), 4),
        QString::fromLatin1(QCryptographicHash::hash(fourth, QCryptographicHash::Sha256).toHex()));
}

void TestAuditLog::detectsTampering_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("forge"); // "", "linked" (prev_hash = hash of entry 2) or "madeUp"
    QTest::addColumn<qint64>("badId"); // 0: the chain must still verify

    const QString swapPrepare = QStringLiteral("CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE id IN (2, 4)");
    const QString swapAll = QStringLiteral(
        "UPDATE audit_log SET at = s.at, actor_id = s.actor_id, actor = s.actor, action = s.action, "
        "entity = s.entity, entity_id = s.entity_id, school_id = s.school_id, before = s.before, after = s.after, "
        "prev_hash = s.prev_hash, hash = s.hash FROM swap s WHERE s.id = 6 - audit_log.id AND audit_log.id IN (2, 4)");
    const QString swapData = QStringLiteral(
        "UPDATE audit_log SET at = s.at, actor_id = s.actor_id, actor = s.actor, action = s.action, "
        "entity = s.entity, entity_id = s.entity_id, school_id = s.school_id, before = s.before, after = s.after "
        "FROM swap s WHERE s.id = 6 - audit_log.id AND audit_log.id IN (2, 4)");
    const QStringList makeRoomAt3{QStringLiteral("UPDATE audit_log SET id = id + 100 WHERE id >= 3"),
        QStringLiteral("UPDATE audit_log SET id = id - 99 WHERE id >= 100")};
    auto update = [](const QString &set, int id) {
        return QStringList{QStringLiteral("UPDATE audit_log SET %1 WHERE id = %2").arg(set).arg(id)};
    };

    QTest::newRow("untouched (control)") << QStringList() << QString() << qint64(0);
    QTest::newRow("after of entry 3") << update(
        QStringLiteral("after = '{\"reason\":\"Документы проверены\",\"status\":\"rejected\"}'"), 3)
                                      << QString() << qint64(3);
    QTest::newRow("before of entry 3 emptied") << update(QStringLiteral("before = ''"), 3) << QString() << qint64(3);
    QTest::newRow("actor of entry 3") << update(QStringLiteral("actor = 'petrov'"), 3) << QString() << qint64(3);
    QTest::newRow("Cyrillic actor of entry 4, one letter")
        << update(QStringLiteral("actor = 'Иванава'"), 4) << QString() << qint64(4);
    QTest::newRow("at of entry 3, one millisecond")
        << update(QStringLiteral("at = '2026-09-01T09:00:02.001Z'"), 3) << QString() << qint64(3);
    QTest::newRow("at of entry 3, same instant written differently")
        << update(QStringLiteral("at = '2026-09-01T12:00:02.000+03:00'"), 3) << QString() << qint64(3);
    QTest::newRow("action of entry 4") << update(QStringLiteral("action = 'decision.reverted'"), 4) << QString()
                                       << qint64(4);
    QTest::newRow("entity_id of entry 3") << update(QStringLiteral("entity_id = '44'"), 3) << QString() << qint64(3);
    QTest::newRow("school_id of entry 4") << update(QStringLiteral("school_id = 1"), 4) << QString() << qint64(4);
    QTest::newRow("actor_id of entry 1: NULL to 0")
        << update(QStringLiteral("actor_id = 0"), 1) << QString() << qint64(1);
    QTest::newRow("actor_id of entry 3 erased")
        << update(QStringLiteral("actor_id = NULL"), 3) << QString() << qint64(3);
    QTest::newRow("actor_id of entry 2 made text")
        << update(QStringLiteral("actor_id = 'seven'"), 2) << QString() << qint64(2);
    QTest::newRow("school_id of entry 2 erased")
        << update(QStringLiteral("school_id = NULL"), 2) << QString() << qint64(2);
    QTest::newRow("hash of the last entry")
        << update(QStringLiteral("hash = '%1'").arg(QString(64, QLatin1Char('a'))), 5) << QString() << qint64(5);
    QTest::newRow("prev_hash of entry 3")
        << update(QStringLiteral("prev_hash = '%1'").arg(kGenesis), 3) << QString() << qint64(3);
    QTest::newRow("entry 2 deleted") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 2")} << QString()
                                     << qint64(3);
    QTest::newRow("entry 1 deleted") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 1")} << QString()
                                     << qint64(2);
    QTest::newRow("entries 2 and 3 deleted")
        << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id IN (2, 3)")} << QString() << qint64(4);
    QTest::newRow("entries 2 and 4 swapped whole") << QStringList{swapPrepare, swapAll} << QString() << qint64(2);
    QTest::newRow("entries 2 and 4 swapped, hashes left in place")
        << QStringList{swapPrepare, swapData} << QString() << qint64(2);
    QTest::newRow("ids of entries 2 and 4 swapped")
        << QStringList{QStringLiteral("UPDATE audit_log SET id = -2 WHERE id = 2"),
               QStringLiteral("UPDATE audit_log SET id = 2 WHERE id = 4"),
               QStringLiteral("UPDATE audit_log SET id = 4 WHERE id = -2")}
        << QString() << qint64(2);
    QTest::newRow("entries 3..5 renumbered 4..6") << makeRoomAt3 << QString() << qint64(4);
    QTest::newRow("forged entry inserted as 3, linked to entry 2")
        << makeRoomAt3 << QStringLiteral("linked") << qint64(4);
    QTest::newRow("entry 3 replaced by a forged one linked to entry 2")
        << QStringList{QStringLiteral("DELETE FROM audit_log WHERE id = 3")} << QStringLiteral("linked") << qint64(4);
    QTest::newRow("forged entry inserted as 3 with a made-up prev_hash")
        << makeRoomAt3 << QStringLiteral("madeUp") << qint64(3);
}

void TestAuditLog::detectsTampering()
{
    QFETCH(QStringList, sql);
    QFETCH(QString, forge);
    QFETCH(qint64, badId);
    if (m_postgres && qstrcmp(QTest::currentDataTag(), "actor_id of entry 2 made text") == 0)
        QSKIP("a PostgreSQL integer column refuses text: this tampering is SQLite's alone");

    appendFixture();
    QVERIFY(m_log->verify().ok);
    QVERIFY(runSql(sql));

    if (!forge.isEmpty()) {
        // A forged entry 3 whose own hash is right for its content: only its links can give it away.
        const QString prev =
            forge == QLatin1String("linked") ? storedHash(connection(), 2) : QString(64, QLatin1Char('f'));
        QVERIFY(!prev.isEmpty());
        QSqlQuery q(connection());
        q.prepare(QStringLiteral("INSERT INTO audit_log (id, at, actor_id, actor, action, entity, entity_id, "
                                 "school_id, before, after, prev_hash, hash) VALUES (3, '2026-09-01T09:00:01.500Z', 7, "
                                 "'direktor', 'decision.applied', 'member', '99', 1, '', '{\"status\":\"approved\"}', "
                                 "?, '')"));
        q.addBindValue(prev);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(runSql(
            {QStringLiteral("UPDATE audit_log SET hash = '%1' WHERE id = 3").arg(expectedHash(connection(), 3))}));
        QCOMPARE(storedHash(connection(), 3), expectedHash(connection(), 3));
    }

    const AuditLog::Verification v = m_log->verify();
    if (badId == 0) {
        QVERIFY2(v.ok, qPrintable(v.problem));
        QCOMPARE(v.entries, qint64(5));
        return;
    }
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadId, badId);
    QVERIFY(!v.problem.isEmpty());
    QVERIFY2(v.problem.contains(QString::number(badId)), qPrintable(v.problem));
    QVERIFY(v.entries < badId); // entries before the bad one were checked and counted
}

void TestAuditLog::deletingTheLastEntryIsNotDetected()
{
    // A documented limit of a chain without an external anchor: truncating the tail leaves a valid chain.
    appendFixture();
    QVERIFY(runSql({QStringLiteral("DELETE FROM audit_log WHERE id = 5")}));
    const AuditLog::Verification v = m_log->verify();
    QVERIFY(v.ok);
    QCOMPARE(v.entries, qint64(4));

    // The next append takes the freed id and links to entry 4.
    const auto id = m_log->append(makeEntry(1, QStringLiteral("admin"), QStringLiteral("session.created"),
        QStringLiteral("user"), QStringLiteral("1"), std::nullopt, {}, {}));
    QVERIFY(id.ok());
    QCOMPARE(id.value(), qint64(5));
    QVERIFY(m_log->verify().ok);
}

void TestAuditLog::recomputingTheWholeTailIsNotDetected()
{
    // The other documented limit: whoever can write the database and recomputes every hash after the
    // change is not detected (no secret key). Rewrite entry 3, then re-hash 3..5 with the public form.
    appendFixture();
    QVERIFY(runSql({QStringLiteral("UPDATE audit_log SET actor = 'someone else' WHERE id = 3")}));
    QVERIFY(!m_log->verify().ok);
    for (qint64 id = 3; id <= 5; ++id) {
        QVERIFY(runSql({QStringLiteral("UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE id = %1) "
                                       "WHERE id = %2")
                            .arg(id - 1)
                            .arg(id)}));
        QVERIFY(runSql({QStringLiteral("UPDATE audit_log SET hash = '%1' WHERE id = %2")
                            .arg(expectedHash(connection(), id))
                            .arg(id)}));
    }
    const AuditLog::Verification v = m_log->verify();
    QVERIFY(v.ok);
    QCOMPARE(v.entries, qint64(5));
}

void TestAuditLog::rolledBackAppendLeavesNoEntry()
{
    appendFixture();
    {
        sg::server::Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        QVERIFY(runSql({QStringLiteral("INSERT INTO schools (inn, name) VALUES ('7707083893', 'Школа № 1')")}));
        const auto id = m_log->append(makeEntry(7, QStringLiteral("direktor"), QStringLiteral("school.created"),
            QStringLiteral("school"), QStringLiteral("1"), 1, {}, {}));
        QVERIFY(id.ok());
        QCOMPARE(id.value(), qint64(6));
        QCOMPARE(rowCount(connection(), QStringLiteral("audit_log")), qint64(6)); // visible inside
        // destroyed without commit(): rolled back
    }
    QCOMPARE(rowCount(connection(), QStringLiteral("audit_log")), qint64(5));
    QCOMPARE(rowCount(connection(), QStringLiteral("schools")), qint64(0));
    AuditLog::Verification v = m_log->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entries, qint64(5));

    // The rolled-back id is reused and the chain continues from entry 5, not from the vanished 6.
    const auto id = m_log->append(makeEntry(std::nullopt, QString(), QStringLiteral("report.created"),
        QStringLiteral("report"), QStringLiteral("2"), 1, {}, {}));
    QVERIFY(id.ok());
    QCOMPARE(id.value(), qint64(6));
    const QList<AuditEntry> tail = m_log->entries(std::nullopt, 5, 10);
    QCOMPARE(tail.size(), qsizetype(1));
    QCOMPARE(tail.first().prevHash, storedHash(connection(), 5));
    QCOMPARE(tail.first().action, QStringLiteral("report.created"));
    v = m_log->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entries, qint64(6));
}

void TestAuditLog::committedAppendCommitsWithTheChange()
{
    {
        sg::server::Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        QVERIFY(runSql({QStringLiteral("INSERT INTO schools (inn, name) VALUES ('7707083893', 'Школа № 1')")}));
        QVERIFY(m_log
                    ->append(makeEntry(std::nullopt, QString(), QStringLiteral("school.created"),
                        QStringLiteral("school"), QStringLiteral("1"), 1, {}, {}))
                    .ok());
        QVERIFY(tx.commit());
    }
    QCOMPARE(rowCount(connection(), QStringLiteral("schools")), qint64(1));
    QCOMPARE(rowCount(connection(), QStringLiteral("audit_log")), qint64(1));
    QVERIFY(m_log->verify().ok);
}

void TestAuditLog::twoConnectionsKeepOneChain()
{
    // Each append reads the head from the database, never from memory: two connections (two server
    // threads) appending in turn build one chain.
    auto other = openDatabase();
    QVERIFY(other.ok());
    std::unique_ptr<Database> otherDb = std::move(other).value();
    {
        AuditLog otherLog(*otherDb, *m_clock);
        for (int i = 0; i < 10; ++i) {
            AuditLog &log = i % 2 ? otherLog : *m_log;
            const auto id = log.append(makeEntry(i, QStringLiteral("user%1").arg(i), QStringLiteral("session.created"),
                QStringLiteral("user"), QString::number(i), std::nullopt, {}, {}));
            QVERIFY(id.ok());
            QCOMPARE(id.value(), qint64(i + 1));
        }
        const AuditLog::Verification v = otherLog.verify();
        QVERIFY2(v.ok, qPrintable(v.problem));
        QCOMPARE(v.entries, qint64(10));
    }
    QVERIFY(m_log->verify().ok);
}

void TestAuditLog::entriesFilterBySchoolAndPage()
{
    appendFixture(); // school_id: 1 NULL, 2 → 1, 3 → 1, 4 → 2, 5 → 1

    auto ids = [](const QList<AuditEntry> &list) {
        QList<qint64> out;
        for (const AuditEntry &e : list)
            out.append(e.id);
        return out;
    };
    QCOMPARE(ids(m_log->entries(1, 0, 100)), (QList<qint64>{2, 3, 5}));
    QCOMPARE(ids(m_log->entries(2, 0, 100)), (QList<qint64>{4}));
    QCOMPARE(ids(m_log->entries(3, 0, 100)), (QList<qint64>{}));
    QCOMPARE(ids(m_log->entries(std::nullopt, 0, 100)), (QList<qint64>{1, 2, 3, 4, 5}));
    QCOMPARE(ids(m_log->entries(1, 2, 100)), (QList<qint64>{3, 5}));
    QCOMPARE(ids(m_log->entries(1, 0, 2)), (QList<qint64>{2, 3}));
    QCOMPARE(ids(m_log->entries(std::nullopt, 3, 1)), (QList<qint64>{4}));
    QCOMPARE(ids(m_log->entries(std::nullopt, 0, 0)), (QList<qint64>{}));

    // Every field comes back as appended.
    const AuditEntry e = m_log->entries(2, 0, 1).value(0);
    QCOMPARE(e.id, qint64(4));
    QCOMPARE(e.actorId, std::optional<qint64>(9));
    QCOMPARE(e.actor, QStringLiteral("Иванова"));
    QCOMPARE(e.action, QStringLiteral("decision.applied"));
    QCOMPARE(e.entity, QStringLiteral("member"));
    QCOMPARE(e.entityId, QStringLiteral("43"));
    QCOMPARE(e.schoolId, std::optional<qint64>(2));
    QCOMPARE(e.before, (QJsonObject{{QStringLiteral("status"), QStringLiteral("pending")}}));
    QCOMPARE(e.after, (QJsonObject{{QStringLiteral("status"), QStringLiteral("rejected")}}));
    QCOMPARE(e.prevHash, storedHash(connection(), 3));
    QCOMPARE(e.hash, storedHash(connection(), 4));

    const AuditEntry system = m_log->entries(std::nullopt, 0, 1).value(0);
    QVERIFY(!system.actorId);
    QVERIFY(!system.schoolId);
    QCOMPARE(system.actor, QStringLiteral("system"));
    QVERIFY(system.before.isEmpty());
    QCOMPARE(system.prevHash, kGenesis);
}

void TestAuditLog::timeComesFromTheClock()
{
    m_clock->set(QDateTime(QDate(2027, 1, 31), QTime(23, 59, 58, 123), QTimeZone::utc()));
    AuditEntry e = makeEntry(std::nullopt, QString(), QStringLiteral("session.created"), QStringLiteral("user"),
        QStringLiteral("1"), std::nullopt, {}, {});
    e.at = QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc()); // a caller cannot backdate an entry
    QVERIFY(m_log->append(e).ok());

    QSqlQuery q(connection());
    QVERIFY(q.exec(QStringLiteral("SELECT at FROM audit_log WHERE id = 1")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("2027-01-31T23:59:58.123Z"));
    q.finish();
    const AuditEntry stored = m_log->entries(std::nullopt, 0, 1).value(0);
    QCOMPARE(stored.at, m_clock->now());
    QCOMPARE(stored.at.timeSpec(), Qt::UTC);
}

void TestAuditLog::rejectsIncompleteEntries()
{
    const AuditEntry complete = makeEntry(7, QStringLiteral("direktor"), QStringLiteral("report.created"),
        QStringLiteral("report"), QStringLiteral("1"), 1, {}, {});
    AuditEntry noAction = complete;
    noAction.action.clear();
    AuditEntry noEntity = complete;
    noEntity.entity.clear();
    AuditEntry userWithoutName = complete;
    userWithoutName.actor.clear();
    for (const AuditEntry &e : {noAction, noEntity, userWithoutName})
        QVERIFY(!m_log->append(e).ok());
    QCOMPARE(rowCount(connection(), QStringLiteral("audit_log")), qint64(0));
    QVERIFY(m_log->append(complete).ok());
    QCOMPARE(rowCount(connection(), QStringLiteral("audit_log")), qint64(1));
}

// A batch of entries (one INSERT for entries sharing actor, entity and school; one by one otherwise) continues the
// same chain as single appends: consecutive ids, each hash in the canonical form, the same stored text.
void TestAuditLog::appendAllKeepsOneChain()
{
    QVERIFY(m_log->append(makeEntry(std::nullopt, {}, QStringLiteral("session.created"), QStringLiteral("user"),
        QStringLiteral("1"), std::nullopt, {}, {})));
    QList<AuditEntry> shared;
    for (int i = 0; i < 250; ++i) {
        QJsonObject after{{QStringLiteral("status"), QStringLiteral("rejected")}, {QStringLiteral("version"), i + 2}};
        if (i % 3 == 0)
            after.insert(QStringLiteral("reason"), QStringLiteral("Причина «%1»\n\"кавычки\" \\ и \t").arg(i));
        shared.append(makeEntry(9, QStringLiteral("Иванова"), QStringLiteral("decision.applied"),
            QStringLiteral("member"), QString::number(100 + i), 2,
            {{QStringLiteral("status"), QStringLiteral("pending")}, {QStringLiteral("version"), i + 1}}, after));
    }
    auto last = m_log->appendAll(shared);
    QVERIFY(last.ok());
    QCOMPARE(last.value(), qint64(251));
    QList<AuditEntry> mixed{makeEntry(9, QStringLiteral("Иванова"), QStringLiteral("decision.applied"),
                                QStringLiteral("member"), QStringLiteral("7"), 2, {}, {}),
        makeEntry(std::nullopt, {}, QStringLiteral("school.created"), QStringLiteral("school"), QStringLiteral("3"), 3,
            {}, {{QStringLiteral("name"), QStringLiteral("Лицей")}})};
    last = m_log->appendAll(mixed);
    QVERIFY(last.ok());
    QCOMPARE(last.value(), qint64(253));
    QCOMPARE(m_log->appendAll({}).value(), qint64(0));

    const AuditLog::Verification v = m_log->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entries, qint64(253));
    for (qint64 id = 1; id <= 253; ++id)
        QCOMPARE(storedHash(connection(), id), expectedHash(connection(), id));
    const QList<AuditEntry> stored = m_log->entries(2, 0, 1000);
    QCOMPARE(stored.size(), 251);
    for (int i = 0; i < 250; ++i) {
        QCOMPARE(stored.at(i).id, qint64(i + 2));
        QCOMPARE(stored.at(i).actorId, std::optional<qint64>(9));
        QCOMPARE(stored.at(i).actor, QStringLiteral("Иванова"));
        QCOMPARE(stored.at(i).entityId, QString::number(100 + i));
        QCOMPARE(stored.at(i).before, shared.at(i).before);
        QCOMPARE(stored.at(i).after, shared.at(i).after);
    }
}

void TestAuditLog::appendAllIsAllOrNothing()
{
    QList<AuditEntry> entries{makeEntry(9, QStringLiteral("Иванова"), QStringLiteral("decision.applied"),
                                  QStringLiteral("member"), QStringLiteral("1"), 2, {}, {}),
        makeEntry(9, QStringLiteral("Иванова"), QString(), QStringLiteral("member"), QStringLiteral("2"), 2, {}, {})};
    QVERIFY(!m_log->appendAll(entries).ok());
    QCOMPARE(m_log->entries(std::nullopt, 0, 10).size(), 0);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
