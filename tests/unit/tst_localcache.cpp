#include "client/cachecrypto.h"
#include "client/localcache.h"
#include "fakeclock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <functional>
#include <memory>

using sg::DecisionOutcome;
using sg::MemberStatus;
using sg::Role;
using sg::Verdict;
using sg::client::CacheCrypto;
using sg::client::CachedMember;
using sg::client::LocalCache;
using sg::client::OutboxItem;
using sg::proto::DecisionItem;
using sg::proto::DecisionResult;
using sg::proto::Member;
namespace cacheerr = sg::client::cacheerr;

// The encrypted local cache and outbox: CacheCrypto, opening (wrong key, damaged files), server state, documents,
// the outbox and its results, atomicity under injected faults at every statement, no plaintext on disk, wipe,
// purge and reopening.
namespace {

constexpr qint64 kSchool = 7;
constexpr qint64 kOtherSchool = 8;

QString u(const char16_t *text)
{
    return QString::fromUtf16(text);
}

// Synthetic personal data with markers that cannot appear by chance in the file.
Member person(qint64 id, Role role = Role::Teacher, MemberStatus status = MemberStatus::Pending, qint64 version = 1)
{
    Member m;
    m.id = id;
    m.role = role;
    m.surname = u(u"Кузнецоваярь") + QString::number(id);
    m.name = QStringLiteral("Zelphinora%1").arg(id);
    m.patronymic = u(u"Ильинична");
    m.email = QStringLiteral("qxmember%1@secret-mail.example").arg(id);
    m.subject = role == Role::Teacher ? u(u"Химия") : QString();
    m.className = role == Role::Student ? u(u"5А") : QString();
    m.status = status;
    m.reason = status == MemberStatus::Rejected ? QStringLiteral("Old rejection reason %1").arg(id) : QString();
    m.version = version;
    m.registeredAt = QDateTime(QDate(2026, 8, 20), QTime(10, 0), QTimeZone::utc());
    m.esiaLevel = QStringLiteral("confirmed");
    return m;
}

QList<Member> people(int count, qint64 firstId = 1)
{
    QList<Member> out;
    for (int i = 0; i < count; ++i)
        out.append(person(firstId + i, i % 3 == 0 ? Role::Student : Role::Teacher));
    return out;
}

DecisionItem decision(qint64 memberId, Verdict verdict, const QString &reason = {}, const QString &key = {})
{
    DecisionItem d;
    d.key = key;
    d.memberId = memberId;
    d.verdict = verdict;
    d.reason = reason;
    return d;
}

DecisionResult result(const OutboxItem &item, DecisionOutcome outcome, std::optional<MemberStatus> status,
    qint64 version, const QString &code = {}, const QString &message = {})
{
    DecisionResult r;
    r.key = item.key;
    r.memberId = item.memberId;
    r.outcome = outcome;
    r.status = status;
    r.version = version;
    r.code = code;
    r.message = message;
    return r;
}

QString describe(const CachedMember &m)
{
    return QStringLiteral("%1 %2 pending=%3 conflict=%4 server=%5")
        .arg(QString::fromUtf8(QJsonDocument(m.member.toJson()).toJson(QJsonDocument::Compact)))
        .arg(int(m.pending))
        .arg(int(m.conflict))
        .arg(m.serverStatus ? sg::toString(*m.serverStatus) : QStringLiteral("-"));
}

QString describe(const OutboxItem &i)
{
    return QStringLiteral("%1 %2 %3 s%4 m%5 %6 [%7] v%8 %9 +%10 %11 %12 [%13] a%14 %15")
        .arg(i.seq)
        .arg(i.key, toString(i.kind))
        .arg(i.schoolId)
        .arg(i.memberId)
        .arg(sg::toString(i.verdict), i.reason)
        .arg(i.baseVersion)
        .arg(QString::fromUtf8(QJsonDocument(i.payload).toJson(QJsonDocument::Compact)),
            QString::fromLatin1(i.attachment.toHex()), toString(i.state), i.problemCode, i.problemMessage)
        .arg(i.attempts)
        .arg(i.createdAt.toString(Qt::ISODateWithMs));
}

// Everything the cache shows through its API, as text (same connection: sees an unfinished transaction too).
QStringList snapshot(const LocalCache &cache)
{
    QStringList out;
    for (qint64 school : {kSchool, kOtherSchool}) {
        const auto members = cache.members(school);
        out.append(members ? QStringLiteral("members ok") : QStringLiteral("members error ") + members.error().code);
        if (members) {
            for (const CachedMember &m : members.value())
                out.append(describe(m));
        }
        const auto items = cache.outbox(school, std::nullopt);
        out.append(items ? QStringLiteral("outbox ok") : QStringLiteral("outbox error ") + items.error().code);
        if (items) {
            for (const OutboxItem &i : items.value())
                out.append(describe(i));
        }
        out.append(QStringLiteral("pending %1 cursor %2").arg(cache.pendingCount(school)).arg(cache.cursor(school)));
    }
    for (const QString &name : {QStringLiteral("me"), QStringLiteral("school")}) {
        const auto doc = cache.document(name);
        out.append(doc && doc.value() ? QString::fromUtf8(QJsonDocument(*doc.value()).toJson(QJsonDocument::Compact))
                                      : QStringLiteral("no document %1").arg(name));
    }
    return out;
}

// Every row of every table, read through a second connection (what is committed).
QStringList rawDump(const QString &path)
{
    static int counter = 0;
    const QString name = QStringLiteral("raw-dump-%1").arg(++counter);
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return {QStringLiteral("cannot open")};
        for (const char *table :
            {"members", "documents", "cursors", "outbox", "sqlite_sequence", "schema_migrations", "school_synced"}) {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(QLatin1String(table)))) {
                out.append(QStringLiteral("error ") + q.lastError().text());
                continue;
            }
            while (q.next()) {
                QStringList row;
                for (int c = 0; c < q.record().count(); ++c) {
                    const QVariant v = q.value(c);
                    row.append(v.isNull() ? QStringLiteral("NULL") : QString::fromLatin1(v.toByteArray().toHex()));
                }
                out.append(QLatin1String(table) + QLatin1Char(':') + row.join(QLatin1Char('|')));
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

// One raw statement on the file through a separate connection (to damage or inspect it).
QVariant rawScalar(const QString &path, const QString &sql)
{
    static int counter = 0;
    const QString name = QStringLiteral("raw-exec-%1").arg(++counter);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
            else if (q.lastError().isValid())
                value = QStringLiteral("error: ") + q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray randomBytes(int size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = char(QRandomGenerator::global()->bounded(256));
    return out;
}

} // namespace

class TestLocalCache : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_key;
    sg::test::FakeClock m_clock;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("cache/account.db")); }

    std::unique_ptr<LocalCache> openCache()
    {
        auto opened = LocalCache::open(dbPath(), m_key, &m_clock);
        if (!opened) {
            qWarning() << "open failed:" << opened.error().code << opened.error().message;
            return nullptr;
        }
        return std::move(opened).value();
    }

    // A cache with members of two schools, a document and a cursor.
    std::unique_ptr<LocalCache> seededCache(int members = 10)
    {
        auto cache = openCache();
        if (!cache)
            return nullptr;
        if (!cache->replaceMembers(kSchool, people(members), m_clock.now())
            || !cache->replaceMembers(kOtherSchool, people(3, 1000), m_clock.now())
            || !cache->putDocument(
                QStringLiteral("me"), QJsonObject{{QStringLiteral("login"), QStringLiteral("school7")}})
            || !cache->setCursor(kSchool, QStringLiteral("c-100")))
            return nullptr;
        return cache;
    }

    static std::optional<CachedMember> memberOf(const LocalCache &cache, qint64 id, qint64 school = kSchool)
    {
        const auto all = cache.members(school);
        if (!all)
            return std::nullopt;
        for (const CachedMember &m : all.value()) {
            if (m.member.id == id)
                return m;
        }
        return std::nullopt;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_key = CacheCrypto::generateKey();
        m_clock.set(QDateTime(QDate(2026, 9, 1), QTime(9, 0), QTimeZone::utc()));
    }

    void cleanup() { m_dir.reset(); }

    // ---- CacheCrypto -----------------------------------------------------------------------------------------

    void cryptoRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one byte") << QByteArray("x");
        QTest::newRow("utf-8 name") << u(u"Ёлкина Дарья").toUtf8();
        QTest::newRow("binary 1 MiB") << randomBytes(1 << 20);
    }

    void cryptoRoundTrip()
    {
        QFETCH(QByteArray, plain);
        const CacheCrypto crypto(CacheCrypto::generateKey());
        QVERIFY(crypto.isValid());
        const QByteArray sealed = crypto.seal(plain);
        QCOMPARE(sealed.size(), plain.size() + CacheCrypto::kOverhead);
        if (plain.size() >= 8)
            QVERIFY(!sealed.contains(plain.left(8)));
        QVERIFY(crypto.seal(plain) != sealed); // a fresh nonce each time
        const auto opened = crypto.open(sealed);
        QVERIFY(opened);
        QCOMPARE(opened.value(), plain);
    }

    void cryptoRejectsForgery_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("empty") << QStringLiteral("empty");
        QTest::newRow("shorter than nonce and tag") << QStringLiteral("short");
        QTest::newRow("truncated by one byte") << QStringLiteral("truncate");
        QTest::newRow("nonce bit flipped") << QStringLiteral("nonce");
        QTest::newRow("ciphertext bit flipped") << QStringLiteral("cipher");
        QTest::newRow("tag bit flipped") << QStringLiteral("tag");
        QTest::newRow("another key") << QStringLiteral("key");
        QTest::newRow("random bytes") << QStringLiteral("random");
    }

    void cryptoRejectsForgery()
    {
        QFETCH(QString, how);
        const CacheCrypto crypto(CacheCrypto::generateKey());
        QByteArray sealed = crypto.seal(QByteArrayLiteral("SNILS 112-233-445 95"));
        QVERIFY(crypto.open(sealed)); // the unchanged value opens: the cases below differ only by the forgery
        if (how == QLatin1String("empty"))
            sealed.clear();
        else if (how == QLatin1String("short"))
            sealed.truncate(CacheCrypto::kOverhead - 1);
        else if (how == QLatin1String("truncate"))
            sealed.chop(1);
        else if (how == QLatin1String("nonce"))
            sealed[3] = char(sealed[3] ^ 0x01);
        else if (how == QLatin1String("cipher"))
            sealed[CacheCrypto::kOverhead + 2] = char(sealed[CacheCrypto::kOverhead + 2] ^ 0x80);
        else if (how == QLatin1String("tag"))
            sealed[24] = char(sealed[24] ^ 0x10);
        else if (how == QLatin1String("key"))
            sealed = CacheCrypto(CacheCrypto::generateKey()).seal(QByteArrayLiteral("SNILS 112-233-445 95"));
        else
            sealed = randomBytes(100);
        const auto opened = crypto.open(sealed);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QString::fromLatin1(cacheerr::Corrupt));
    }

    void cryptoInvalidKey_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("31 bytes") << 31;
        QTest::newRow("33 bytes") << 33;
    }

    void cryptoInvalidKey()
    {
        QFETCH(int, size);
        const CacheCrypto crypto(QByteArray(size, 'k'));
        QVERIFY(!crypto.isValid());
        QVERIFY(crypto.seal(QByteArrayLiteral("plain")).isEmpty());
        const CacheCrypto good(QByteArray(CacheCrypto::kKeySize, 'k'));
        QVERIFY(good.isValid());
        const auto opened = crypto.open(good.seal(QByteArrayLiteral("plain")));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QString::fromLatin1(cacheerr::WrongKey));
        QCOMPARE(CacheCrypto::generateKey().size(), CacheCrypto::kKeySize);
        QVERIFY(CacheCrypto::generateKey() != CacheCrypto::generateKey());
    }

    // ---- Opening ---------------------------------------------------------------------------------------------

    void createsWithWalAndSchema()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QCOMPARE(cache->schemaVersion(), LocalCache::latestSchemaVersion());
        QVERIFY(QFile::exists(dbPath()));
        QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal")));
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("SELECT count(*) FROM schema_migrations")).toInt(),
            LocalCache::latestSchemaVersion());
        cache.reset();
        // Reopening runs no migration again.
        cache = openCache();
        QVERIFY(cache);
        cache.reset();
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("SELECT count(*) FROM schema_migrations")).toInt(),
            LocalCache::latestSchemaVersion());
    }

    void wrongKeyRejected_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("another key") << QStringLiteral("another");
        QTest::newRow("one bit off") << QStringLiteral("onebit");
        QTest::newRow("too short") << QStringLiteral("short");
        QTest::newRow("empty") << QStringLiteral("empty");
    }

    void wrongKeyRejected()
    {
        QFETCH(QString, which);
        QByteArray key = CacheCrypto::generateKey();
        if (which == QLatin1String("onebit")) {
            key = m_key;
            key[0] = char(key[0] ^ 0x01);
        } else if (which == QLatin1String("short")) {
            key = m_key.left(16);
        } else if (which == QLatin1String("empty")) {
            key.clear();
        }
        {
            auto cache = seededCache();
            QVERIFY(cache);
        }
        const QByteArray before = readFile(dbPath());
        const auto opened = LocalCache::open(dbPath(), key, &m_clock);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QString::fromLatin1(cacheerr::WrongKey));
        QVERIFY(!opened.error().message.isEmpty());
        // The right key still opens it, with the data intact.
        auto cache = openCache();
        QVERIFY(cache);
        QCOMPARE(cache->members(kSchool)->size(), 10);
        cache.reset();
        QCOMPARE(readFile(dbPath()).size(), before.size());
    }

    void corruptFileGivesError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("code");
        const QString corrupt = QString::fromLatin1(cacheerr::Corrupt);
        QTest::newRow("random bytes") << QStringLiteral("random") << corrupt;
        QTest::newRow("text file") << QStringLiteral("text") << corrupt;
        QTest::newRow("header overwritten") << QStringLiteral("header") << corrupt;
        QTest::newRow("pages overwritten") << QStringLiteral("pages") << corrupt;
        QTest::newRow("truncated to half") << QStringLiteral("truncate") << corrupt;
        QTest::newRow("another SQLite database") << QStringLiteral("foreign") << corrupt;
        QTest::newRow("check value missing") << QStringLiteral("nocheck") << corrupt;
        QTest::newRow("newer schema") << QStringLiteral("newer") << QString::fromLatin1(cacheerr::TooNew);
    }

    void corruptFileGivesError()
    {
        QFETCH(QString, damage);
        QFETCH(QString, code);
        QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
        if (damage == QLatin1String("random") || damage == QLatin1String("text")) {
            QVERIFY(writeFile(dbPath(),
                damage == QLatin1String("text") ? QByteArray("just some notes\n").repeated(500)
                                                : randomBytes(64 * 1024)));
        } else if (damage == QLatin1String("foreign")) {
            QCOMPARE(rawScalar(dbPath(), QStringLiteral("CREATE TABLE notes (x TEXT)")), QVariant());
        } else {
            {
                auto cache = seededCache(300);
                QVERIFY(cache);
            }
            QVERIFY(!QFile::exists(dbPath() + QStringLiteral("-wal"))); // checkpointed into the file on close
            QByteArray bytes = readFile(dbPath());
            QVERIFY(bytes.size() > 8 * 4096);
            if (damage == QLatin1String("header"))
                bytes.replace(0, 100, randomBytes(100));
            else if (damage == QLatin1String("pages"))
                bytes.replace(4096, bytes.size() - 4096, randomBytes(int(bytes.size() - 4096)));
            else if (damage == QLatin1String("truncate"))
                bytes.truncate(bytes.size() / 2);
            if (damage == QLatin1String("nocheck"))
                QCOMPARE(rawScalar(dbPath(), QStringLiteral("DELETE FROM meta")), QVariant());
            else if (damage == QLatin1String("newer"))
                QCOMPARE(
                    rawScalar(dbPath(), QStringLiteral("INSERT INTO schema_migrations VALUES (99, 0)")), QVariant());
            else
                QVERIFY(writeFile(dbPath(), bytes));
        }
        const auto opened = LocalCache::open(dbPath(), m_key, &m_clock);
        qInfo("%s: %s", qPrintable(damage), qPrintable(opened ? QStringLiteral("opened") : opened.error().code));
        if (opened) {
            // Damage the quick check cannot see must show when the data is read.
            const auto members = opened.value()->members(kSchool);
            QVERIFY2(!members, "a damaged cache opened and read without an error");
            QCOMPARE(members.error().code, code);
        } else {
            QCOMPARE(opened.error().code, code);
            QVERIFY(!opened.error().message.isEmpty());
        }
    }

    void zeroLengthFileIsNew()
    {
        QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
        QVERIFY(writeFile(dbPath(), QByteArray()));
        auto cache = openCache();
        QVERIFY(cache);
        QCOMPARE(cache->schemaVersion(), LocalCache::latestSchemaVersion());
    }

    // ---- Server state ----------------------------------------------------------------------------------------

    void replaceAndMergeMembers()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QList<Member> snapshot = people(5);
        std::reverse(snapshot.begin(), snapshot.end());
        QVERIFY(cache->replaceMembers(kSchool, snapshot, m_clock.now()));
        auto members = cache->members(kSchool);
        QVERIFY(members);
        QCOMPARE(members->size(), 5);
        for (int i = 0; i < 5; ++i) {
            const CachedMember &m = members->at(i);
            QCOMPARE(m.member.id, qint64(i + 1)); // id order
            QCOMPARE(m.member.toJson(), person(i + 1, i % 3 == 0 ? Role::Student : Role::Teacher).toJson());
            QVERIFY(!m.pending);
            QVERIFY(!m.conflict);
            QVERIFY(!m.serverStatus);
        }
        QVERIFY(cache->members(kOtherSchool)->isEmpty());

        // Merge: a changed member, a new one; a stale version does not move the truth back.
        Member changed = person(2, Role::Teacher, MemberStatus::Approved, 3);
        QVERIFY(cache->mergeMembers(kSchool, {changed, person(9)}, m_clock.now()));
        QCOMPARE(sg::toString(memberOf(*cache, 2)->member.status), sg::toString(MemberStatus::Approved));
        QCOMPARE(memberOf(*cache, 2)->member.version, qint64(3));
        QVERIFY(memberOf(*cache, 9));
        QVERIFY(cache->mergeMembers(kSchool, {person(2, Role::Teacher, MemberStatus::Rejected, 2)}, m_clock.now()));
        QCOMPARE(sg::toString(memberOf(*cache, 2)->member.status), sg::toString(MemberStatus::Approved));

        // A new snapshot removes members not in it, except one with a queued decision.
        QVERIFY(cache->queueDecisions(kSchool, {decision(4, Verdict::Approve)}));
        QVERIFY(cache->replaceMembers(
            kSchool, {person(1), person(2, Role::Teacher, MemberStatus::Approved, 3)}, m_clock.now()));
        members = cache->members(kSchool);
        QCOMPARE(members->size(), 3);
        QCOMPARE(members->at(0).member.id, qint64(1));
        QCOMPARE(members->at(1).member.id, qint64(2));
        QCOMPARE(members->at(2).member.id, qint64(4));
        QVERIFY(members->at(2).pending);
    }

    void membersByIdAndCounts()
    {
        auto cache = seededCache(10);
        QVERIFY(cache);
        QVERIFY(cache->queueDecisions(kSchool, {decision(3, Verdict::Approve), decision(5, Verdict::Reject)}));
        QVERIFY(cache->queueReport(kSchool, sg::proto::ReportSnapshot{}));
        // Some members only: those asked for, in id order; unknown ids and other schools' members left out.
        const auto some = cache->members(kSchool, {5, 3, 999, 1001});
        QVERIFY(some);
        QCOMPARE(some->size(), 2);
        QCOMPARE(some->at(0).member.id, qint64(3));
        QVERIFY(some->at(0).pending);
        QCOMPARE(sg::toString(some->at(0).member.status), sg::toString(MemberStatus::Approved));
        QCOMPARE(some->at(1).member.id, qint64(5));
        QCOMPARE(sg::toString(some->at(1).member.status), sg::toString(MemberStatus::Rejected));
        QVERIFY(cache->members(kSchool, {})->isEmpty());
        QCOMPARE(cache->itemCount(kSchool, OutboxItem::State::Pending), 3);
        QCOMPARE(cache->itemCount(kSchool, OutboxItem::State::Conflict), 0);
        QCOMPARE(cache->waitingMembers(kSchool).value(), (QSet<qint64>{3, 5}));
        const auto reports = cache->outboxOfKind(kSchool, OutboxItem::Kind::Report, OutboxItem::State::Pending);
        QVERIFY(reports);
        QCOMPARE(reports->size(), 1);
        QCOMPARE(int(reports->first().kind), int(OutboxItem::Kind::Report));
    }

    void inMemoryCacheKeepsNothingOnDisk()
    {
        auto opened = LocalCache::openInMemory(&m_clock);
        QVERIFY(opened);
        auto cache = std::move(opened).value();
        QVERIFY(cache->isInMemory());
        QVERIFY(cache->replaceMembers(kSchool, people(4), m_clock.now()));
        QVERIFY(cache->queueDecisions(kSchool, {decision(2, Verdict::Approve)}));
        QCOMPARE(cache->pendingCount(kSchool), 1);
        QCOMPARE(cache->members(kSchool)->size(), 4);
        // Two in-memory caches are two separate databases.
        auto other = LocalCache::openInMemory(&m_clock);
        QVERIFY(other);
        QVERIFY(other.value()->members(kSchool)->isEmpty());
        QVERIFY(!QFileInfo::exists(QStringLiteral(":memory:")));
    }

    void documentsAndCursors()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(!cache->document(QStringLiteral("school"))->has_value());
        const QJsonObject school{{QStringLiteral("id"), kSchool}, {QStringLiteral("name"), u(u"Школа № 7")},
            {QStringLiteral("tags"), QJsonArray{1, 2}}};
        QVERIFY(cache->putDocument(QStringLiteral("school"), school));
        QCOMPARE(cache->document(QStringLiteral("school"))->value(), school);
        const QJsonObject changed{{QStringLiteral("id"), kSchool}};
        QVERIFY(cache->putDocument(QStringLiteral("school"), changed));
        QCOMPARE(cache->document(QStringLiteral("school"))->value(), changed);
        QVERIFY(!cache->putDocument(QString(), school));

        QCOMPARE(cache->cursor(kSchool), QString());
        QVERIFY(cache->setCursor(kSchool, QStringLiteral("c-1")));
        QVERIFY(cache->setCursor(kSchool, QStringLiteral("c-2")));
        QVERIFY(cache->setCursor(kOtherSchool, QStringLiteral("x-9")));
        QCOMPARE(cache->cursor(kSchool), QStringLiteral("c-2"));
        QCOMPARE(cache->cursor(kOtherSchool), QStringLiteral("x-9"));
        QVERIFY(cache->setCursor(kSchool, QString()));
        QCOMPARE(cache->cursor(kSchool), QString());
    }

    // ---- Outbox ----------------------------------------------------------------------------------------------

    void queueSetsOptimisticStatus_data()
    {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("serverStatus");
        QTest::addColumn<int>("shown");
        QTest::addColumn<QString>("reason");
        QTest::newRow("approve a pending member")
            << int(Verdict::Approve) << int(MemberStatus::Pending) << int(MemberStatus::Approved) << QString();
        QTest::newRow("reject a pending member") << int(Verdict::Reject) << int(MemberStatus::Pending)
                                                 << int(MemberStatus::Rejected) << u(u"Не работает в школе");
        QTest::newRow("revert an approval")
            << int(Verdict::Revert) << int(MemberStatus::Approved) << int(MemberStatus::Pending) << QString();
        QTest::newRow("approve a rejected member")
            << int(Verdict::Approve) << int(MemberStatus::Rejected) << int(MemberStatus::Approved) << QString();
    }

    void queueSetsOptimisticStatus()
    {
        QFETCH(int, verdict);
        QFETCH(int, serverStatus);
        QFETCH(int, shown);
        QFETCH(QString, reason);
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(cache->replaceMembers(
            kSchool, {person(1, Role::Teacher, MemberStatus(serverStatus), 4), person(2)}, m_clock.now()));
        const auto queued = cache->queueDecisions(kSchool, {decision(1, Verdict(verdict), reason)});
        QVERIFY(queued);
        QCOMPARE(queued->size(), 1);
        const OutboxItem &item = queued->first();
        QCOMPARE(item.baseVersion, qint64(4)); // from the cache
        QCOMPARE(item.key.size(), 22); // 16 random bytes, base64url without padding
        QVERIFY(!item.key.contains(QLatin1Char('=')) && !item.key.contains(QLatin1Char('+'))
            && !item.key.contains(QLatin1Char('/')));
        QCOMPARE(sg::client::toString(item.state), sg::client::toString(OutboxItem::State::Pending));
        QCOMPARE(item.createdAt, m_clock.now());

        const auto m = memberOf(*cache, 1);
        QVERIFY(m);
        QCOMPARE(int(m->member.status), shown);
        QCOMPARE(m->member.reason, shown == int(MemberStatus::Rejected) ? reason : QString());
        QCOMPARE(m->member.version, qint64(4)); // server truth
        QVERIFY(m->pending);
        QVERIFY(!m->conflict);
        QVERIFY(m->serverStatus);
        QCOMPARE(int(*m->serverStatus), serverStatus);
        QVERIFY(!memberOf(*cache, 2)->pending);
        QCOMPARE(cache->pendingCount(kSchool), 1);
        QCOMPARE(cache->pendingCount(kOtherSchool), 0);

        const auto listed = cache->outbox(kSchool);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(describe(listed->first()), describe(item));
        QCOMPARE(
            listed->first().decisionItem().toJson(), (DecisionItem{item.key, 1, Verdict(verdict), reason, 4}).toJson());
    }

    void queueBatchKeysAndOrder()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        QList<DecisionItem> batch;
        batch << decision(1, Verdict::Approve, {}, QStringLiteral("key-a")) << decision(2, Verdict::Reject, u(u"Нет"))
              << decision(1, Verdict::Reject, u(u"Передумали"), QStringLiteral("key-c"));
        batch[1].baseVersion = 9; // an explicit base version is kept
        const auto queued = cache->queueDecisions(kSchool, batch);
        QVERIFY(queued);
        QCOMPARE(queued->size(), 3);
        QCOMPARE(queued->at(0).key, QStringLiteral("key-a"));
        QCOMPARE(queued->at(2).key, QStringLiteral("key-c"));
        QCOMPARE(queued->at(1).baseVersion, qint64(9));
        QVERIFY(queued->at(0).seq < queued->at(1).seq && queued->at(1).seq < queued->at(2).seq);
        // The second decision on member 1 is queued after the first; the member shows the latest.
        const auto listed = cache->outbox(kSchool);
        QCOMPARE(listed->size(), 3);
        QCOMPARE(listed->at(0).key, QStringLiteral("key-a"));
        QCOMPARE(listed->at(2).key, QStringLiteral("key-c"));
        QCOMPARE(sg::toString(memberOf(*cache, 1)->member.status), sg::toString(MemberStatus::Rejected));
        QCOMPARE(memberOf(*cache, 1)->member.reason, u(u"Передумали"));
        QCOMPARE(cache->outbox(kSchool, OutboxItem::State::Pending, 2)->size(), 2);
        QCOMPARE(cache->item(QStringLiteral("key-c"))->value().memberId, qint64(1));
        QVERIFY(!cache->item(QStringLiteral("no-such-key"))->has_value());

        // A decision on an explicit version for a member the cache does not hold is queued as given.
        DecisionItem unknown = decision(555, Verdict::Approve);
        unknown.baseVersion = 2;
        QVERIFY(cache->queueDecisions(kSchool, {unknown}));
        QCOMPARE(cache->pendingCount(kSchool), 4);
    }

    void queueRejectsBadBatches_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown member without version")
            << QStringLiteral("unknown") << QString::fromLatin1(cacheerr::UnknownMember);
        QTest::newRow("key already queued") << QStringLiteral("queued") << QString::fromLatin1(cacheerr::DuplicateKey);
        QTest::newRow("key twice in the batch")
            << QStringLiteral("twice") << QString::fromLatin1(cacheerr::DuplicateKey);
        QTest::newRow("key with a space") << QStringLiteral("badkey") << QString::fromLatin1(cacheerr::InvalidArgument);
        QTest::newRow("reason too long") << QStringLiteral("reason") << QString::fromLatin1(cacheerr::InvalidArgument);
        QTest::newRow("member id 0") << QStringLiteral("id") << QString::fromLatin1(cacheerr::InvalidArgument);
    }

    void queueRejectsBadBatches()
    {
        QFETCH(QString, problem);
        QFETCH(QString, code);
        auto cache = seededCache();
        QVERIFY(cache);
        QVERIFY(cache->queueDecisions(kSchool, {decision(3, Verdict::Approve, {}, QStringLiteral("taken"))}));
        const QStringList before = snapshot(*cache);
        QList<DecisionItem> batch{decision(1, Verdict::Approve), decision(2, Verdict::Reject, QStringLiteral("r"))};
        if (problem == QLatin1String("unknown"))
            batch.append(decision(404, Verdict::Approve));
        else if (problem == QLatin1String("queued"))
            batch.append(decision(4, Verdict::Approve, {}, QStringLiteral("taken")));
        else if (problem == QLatin1String("twice"))
            batch << decision(4, Verdict::Approve, {}, QStringLiteral("k2"))
                  << decision(5, Verdict::Approve, {}, QStringLiteral("k2"));
        else if (problem == QLatin1String("badkey"))
            batch.append(decision(4, Verdict::Approve, {}, QStringLiteral("bad key")));
        else if (problem == QLatin1String("reason"))
            batch.append(decision(4, Verdict::Reject, QString(sg::proto::kMaxReasonLength + 1, QLatin1Char('x'))));
        else
            batch.append(decision(0, Verdict::Approve));
        const auto queued = cache->queueDecisions(kSchool, batch);
        QVERIFY(!queued);
        QCOMPARE(queued.error().code, code);
        QCOMPARE(snapshot(*cache), before); // nothing of the batch was kept
        batch.removeLast();
        if (problem == QLatin1String("twice"))
            batch.removeLast();
        QVERIFY(cache->queueDecisions(kSchool, batch)); // the rest alone is fine
    }

    void applyResults_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<int>("resultStatus");
        QTest::addColumn<qint64>("resultVersion");
        QTest::addColumn<QString>("itemState"); // "" when the item is gone
        QTest::addColumn<int>("shown");
        QTest::addColumn<int>("serverStatus");
        QTest::addColumn<qint64>("serverVersion");
        QTest::addColumn<bool>("conflict");
        // Member 1 is pending at version 2 on the server; the user rejected it.
        const int rejected = int(MemberStatus::Rejected);
        QTest::newRow("applied") << int(DecisionOutcome::Applied) << rejected << qint64(3) << QString() << rejected
                                 << rejected << qint64(3) << false;
        QTest::newRow("duplicate") << int(DecisionOutcome::Duplicate) << rejected << qint64(3) << QString() << rejected
                                   << rejected << qint64(3) << false;
        QTest::newRow("conflict") << int(DecisionOutcome::Conflict) << int(MemberStatus::Approved) << qint64(5)
                                  << QStringLiteral("conflict") << rejected << int(MemberStatus::Approved) << qint64(5)
                                  << true;
        QTest::newRow("forbidden") << int(DecisionOutcome::Forbidden) << -1 << qint64(0) << QStringLiteral("refused")
                                   << int(MemberStatus::Pending) << int(MemberStatus::Pending) << qint64(2) << false;
        QTest::newRow("invalid") << int(DecisionOutcome::Invalid) << -1 << qint64(0) << QStringLiteral("refused")
                                 << int(MemberStatus::Pending) << int(MemberStatus::Pending) << qint64(2) << false;
    }

    void applyResults()
    {
        QFETCH(int, outcome);
        QFETCH(int, resultStatus);
        QFETCH(qint64, resultVersion);
        QFETCH(QString, itemState);
        QFETCH(int, shown);
        QFETCH(int, serverStatus);
        QFETCH(qint64, serverVersion);
        QFETCH(bool, conflict);
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(cache->replaceMembers(
            kSchool, {person(1, Role::Teacher, MemberStatus::Pending, 2), person(2)}, m_clock.now()));
        const QString reason = u(u"Уволилась в августе");
        const auto queued =
            cache->queueDecisions(kSchool, {decision(1, Verdict::Reject, reason), decision(2, Verdict::Approve)});
        QVERIFY(queued);
        const std::optional<MemberStatus> status =
            resultStatus < 0 ? std::nullopt : std::optional<MemberStatus>(MemberStatus(resultStatus));
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(0), DecisionOutcome(outcome), status, resultVersion, QStringLiteral("some-code"),
                u(u"Сообщение сервера"))}));

        const auto item = cache->item(queued->at(0).key);
        QVERIFY(item);
        if (itemState.isEmpty()) {
            QVERIFY(!item->has_value());
        } else {
            QVERIFY(item->has_value());
            QCOMPARE(toString(item->value().state), itemState);
            QCOMPARE(item->value().problemCode, QStringLiteral("some-code"));
            QCOMPARE(item->value().problemMessage, u(u"Сообщение сервера"));
            QCOMPARE(item->value().reason, reason);
        }
        const auto m = memberOf(*cache, 1);
        QVERIFY(m);
        QCOMPARE(int(m->member.status), shown);
        QCOMPARE(m->member.version, serverVersion);
        QCOMPARE(m->conflict, conflict);
        QVERIFY(!m->pending);
        const bool optimistic = conflict;
        QCOMPARE(m->serverStatus.has_value(), optimistic);
        if (optimistic)
            QCOMPARE(int(*m->serverStatus), serverStatus);
        if (shown == int(MemberStatus::Rejected))
            QCOMPARE(m->member.reason, reason);
        // The other item and member are untouched; pending decisions are counted, settled ones are not.
        QVERIFY(memberOf(*cache, 2)->pending);
        QCOMPARE(cache->pendingCount(kSchool), 1);
        QCOMPARE(cache->outbox(kSchool)->size(), 1);
        const int inState = itemState.isEmpty() ? 0 : 1;
        QCOMPARE(cache->outbox(kSchool, OutboxItem::State::Conflict)->size(),
            itemState == QLatin1String("conflict") ? inState : 0);
        QCOMPARE(cache->outbox(kSchool, OutboxItem::State::Refused)->size(),
            itemState == QLatin1String("refused") ? inState : 0);

        // Applying the same answers again changes nothing.
        const QStringList before = snapshot(*cache);
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(0), DecisionOutcome(outcome), status, resultVersion, QStringLiteral("some-code"),
                u(u"Сообщение сервера"))}));
        QCOMPARE(snapshot(*cache), before);
    }

    // A person's status and version are columns; the sealed record holds the rest. Answers that only move the status
    // leave the record alone, and a pull that brings nothing new writes nothing.
    void recordsAreSealedOnlyWhenTheyChange()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(cache->replaceMembers(kSchool, {person(1), person(2), person(3)}, m_clock.now()));
        const auto sealed = [&](qint64 id) {
            return rawScalar(dbPath(), QStringLiteral("SELECT hex(data) FROM members WHERE id = %1").arg(id))
                .toString();
        };
        const QString first = sealed(1);
        QVERIFY(!first.isEmpty());

        // The same person again: not written (a new seal would have a new nonce).
        QVERIFY(cache->mergeMembers(kSchool, {person(1)}, m_clock.now()));
        QCOMPARE(sealed(1), first);
        // Another name: written.
        Member renamed = person(1);
        renamed.name = u(u"Ярослава");
        QVERIFY(cache->mergeMembers(kSchool, {renamed}, m_clock.now()));
        QVERIFY(sealed(1) != first);
        QCOMPARE(memberOf(*cache, 1)->member.name, u(u"Ярослава"));

        // An approval answered: the columns move, the record stays.
        const QString second = sealed(2);
        auto queued = cache->queueDecisions(kSchool, {decision(2, Verdict::Approve)});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Approved, 2, {}, {})}));
        QCOMPARE(sealed(2), second);
        QCOMPARE(int(memberOf(*cache, 2)->member.status), int(MemberStatus::Approved));
        QCOMPARE(memberOf(*cache, 2)->member.version, qint64(2));
        // The server sends the approved person back: nothing to write.
        Member approved = person(2, Role::Teacher, MemberStatus::Approved, 2);
        QVERIFY(cache->mergeMembers(kSchool, {approved}, m_clock.now()));
        QCOMPARE(sealed(2), second);

        // A rejection with a reason is sealed into the record; taking it back clears the reason again.
        const QString reason = u(u"Не работает в школе");
        queued = cache->queueDecisions(kSchool, {decision(3, Verdict::Reject, reason)});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Rejected, 2, {}, {})}));
        QCOMPARE(int(memberOf(*cache, 3)->member.status), int(MemberStatus::Rejected));
        QCOMPARE(memberOf(*cache, 3)->member.reason, reason);
        const QString rejected = sealed(3);
        DecisionItem back = decision(3, Verdict::Revert);
        back.baseVersion = 2;
        queued = cache->queueDecisions(kSchool, {back});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Pending, 3, {}, {})}));
        QVERIFY(sealed(3) != rejected);
        QCOMPARE(int(memberOf(*cache, 3)->member.status), int(MemberStatus::Pending));
        QCOMPARE(memberOf(*cache, 3)->member.reason, QString());
        QCOMPARE(memberOf(*cache, 3)->member.version, qint64(3));

        // A status column that is not a status is a damaged cache, said so.
        QVERIFY(rawScalar(dbPath(), QStringLiteral("UPDATE members SET status = 'approvedd' WHERE id = 3")).isNull());
        const auto all = cache->members(kSchool);
        QVERIFY(!all);
        QCOMPARE(all.error().code, QString::fromLatin1(cacheerr::Corrupt));
    }

    void applyKeepsLaterDecision()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        const auto queued = cache->queueDecisions(
            kSchool, {decision(1, Verdict::Approve), decision(1, Verdict::Reject, QStringLiteral("second thoughts"))});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Approved, 2)}));
        auto m = memberOf(*cache, 1);
        QVERIFY(m->pending); // the second decision still waits
        QCOMPARE(sg::toString(m->member.status), sg::toString(MemberStatus::Rejected));
        QCOMPARE(sg::toString(*m->serverStatus), sg::toString(MemberStatus::Approved));
        QCOMPARE(m->member.version, qint64(2));
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(queued->at(1), DecisionOutcome::Applied, MemberStatus::Rejected, 3)}));
        m = memberOf(*cache, 1);
        QVERIFY(!m->pending);
        QVERIFY(!m->serverStatus);
        QCOMPARE(sg::toString(m->member.status), sg::toString(MemberStatus::Rejected));
        QCOMPARE(m->member.reason, QStringLiteral("second thoughts"));
        QCOMPARE(m->member.version, qint64(3));
        // An answer older than what the cache knows does not move the truth back.
        QVERIFY(cache->mergeMembers(kSchool, {person(2, Role::Teacher, MemberStatus::Approved, 8)}, m_clock.now()));
        const auto late = cache->queueDecisions(kSchool, {decision(2, Verdict::Revert)});
        QVERIFY(cache->applyDecisionResults(
            kSchool, {result(late->first(), DecisionOutcome::Conflict, MemberStatus::Pending, 5)}));
        QCOMPARE(sg::toString(*memberOf(*cache, 2)->serverStatus), sg::toString(MemberStatus::Approved));
        QCOMPARE(memberOf(*cache, 2)->member.version, qint64(8));
    }

    void applyRevertAndEmptyReason()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(cache->replaceMembers(kSchool,
            {person(1, Role::Teacher, MemberStatus::Approved, 3), person(2, Role::Student, MemberStatus::Rejected, 2)},
            m_clock.now()));
        // A revert goes back to whatever the server says; a rejection without a reason stores no reason.
        const auto queued =
            cache->queueDecisions(kSchool, {decision(1, Verdict::Revert), decision(2, Verdict::Reject)});
        QVERIFY(queued);
        QCOMPARE(cache->item(queued->at(1).key)->value().reason, QString());
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Pending, 4),
                result(queued->at(1), DecisionOutcome::Duplicate, MemberStatus::Rejected, 3)}));
        const auto m1 = memberOf(*cache, 1);
        QVERIFY(m1);
        QCOMPARE(sg::toString(m1->member.status), sg::toString(MemberStatus::Pending));
        QCOMPARE(m1->member.version, qint64(4));
        QVERIFY(!m1->pending);
        const auto m2 = memberOf(*cache, 2);
        QVERIFY(m2);
        QCOMPARE(sg::toString(m2->member.status), sg::toString(MemberStatus::Rejected));
        QCOMPARE(m2->member.reason, QString());
        QCOMPARE(m2->member.version, qint64(3));
        QCOMPARE(cache->outbox(kSchool, std::nullopt)->size(), 0);
    }

    void conflictRequeueAndDiscard()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        const auto queued = cache->queueDecisions(kSchool,
            {decision(1, Verdict::Approve), decision(2, Verdict::Reject, QStringLiteral("no")),
                decision(3, Verdict::Approve)});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(0), DecisionOutcome::Conflict, MemberStatus::Rejected, 4, QStringLiteral("conflict")),
                result(
                    queued->at(1), DecisionOutcome::Conflict, MemberStatus::Approved, 6, QStringLiteral("conflict"))}));
        QCOMPARE(cache->outbox(kSchool, OutboxItem::State::Conflict)->size(), 2);

        // Requeue only a conflict; it becomes pending on the new version at the end of the queue.
        QCOMPARE(cache->requeueItem(queued->at(2).key, 3).error().code, QString::fromLatin1(cacheerr::InvalidState));
        QCOMPARE(cache->requeueItem(QStringLiteral("nope"), 3).error().code, QString::fromLatin1(cacheerr::NotFound));
        QCOMPARE(cache->requeueItem(queued->at(0).key, 0).error().code, QString::fromLatin1(cacheerr::InvalidArgument));
        QVERIFY(cache->requeueItem(queued->at(0).key, 4));
        const auto pending = cache->outbox(kSchool);
        QCOMPARE(pending->size(), 2);
        QCOMPARE(pending->at(0).key, queued->at(2).key);
        QVERIFY(pending->at(1).key != queued->at(0).key); // a new idempotency key: the old one has its answer
        QCOMPARE(pending->at(1).memberId, queued->at(0).memberId);
        QVERIFY(!cache->item(queued->at(0).key)->has_value());
        QCOMPARE(pending->at(1).baseVersion, qint64(4));
        QCOMPARE(pending->at(1).problemCode, QString());
        QVERIFY(pending->at(1).seq > queued->at(2).seq);
        auto m1 = memberOf(*cache, 1);
        QVERIFY(m1->pending);
        QVERIFY(!m1->conflict);
        QCOMPARE(sg::toString(m1->member.status), sg::toString(MemberStatus::Approved));
        QCOMPARE(sg::toString(*m1->serverStatus), sg::toString(MemberStatus::Rejected));
        // New items after a requeue still get larger seqs.
        const auto later = cache->queueDecisions(kSchool, {decision(4, Verdict::Approve)});
        QVERIFY(later->first().seq > pending->at(1).seq);

        // Discard: the member shows the server truth again.
        QVERIFY(memberOf(*cache, 2)->conflict);
        QVERIFY(cache->discardItem(queued->at(1).key));
        const auto m2 = memberOf(*cache, 2);
        QVERIFY(!m2->conflict);
        QVERIFY(!m2->pending);
        QVERIFY(!m2->serverStatus);
        QCOMPARE(sg::toString(m2->member.status), sg::toString(MemberStatus::Approved));
        QCOMPARE(m2->member.version, qint64(6));
        QVERIFY(!cache->item(queued->at(1).key)->has_value());
        QCOMPARE(cache->discardItem(queued->at(1).key).error().code, QString::fromLatin1(cacheerr::NotFound));
        // Discarding a decision not sent yet works the same way (the user changes their mind offline).
        QVERIFY(cache->discardItem(later->first().key));
        QVERIFY(!memberOf(*cache, 4)->pending);
        QCOMPARE(sg::toString(memberOf(*cache, 4)->member.status), sg::toString(MemberStatus::Pending));
    }

    // What a conflict's answer tells about the other change stays with the item, sealed: read back as it was
    // (also after reopening), absent where the answer had none (as in items kept before the details were), and
    // gone when the decision is sent again.
    void conflictDetailsRoundTrip()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        const auto queued = cache->queueDecisions(
            kSchool, {decision(1, Verdict::Approve), decision(2, Verdict::Approve), decision(3, Verdict::Revert)});
        QVERIFY(queued);
        const QString login = QStringLiteral("ivanova-sekretar");
        const QString reason = u(u"Уволена по собственному желанию Щукиной");
        const QDateTime at(QDate(2026, 12, 5), QTime(11, 5, 7, 250), QTimeZone::utc());
        sg::proto::OtherDecision other;
        other.login = login;
        other.role = Role::School;
        other.decidedAt = at;
        other.previousStatus = MemberStatus::Pending;
        other.reason = reason;
        DecisionResult told = result(queued->at(0), DecisionOutcome::Conflict, MemberStatus::Rejected, 2,
            QStringLiteral("conflict"), QStringLiteral("This person was changed by someone else."));
        told.other = other;
        // Without details: exactly what earlier versions kept (the server's sentence, sealed as text).
        const DecisionResult plain = result(queued->at(1), DecisionOutcome::Conflict, MemberStatus::Approved, 3,
            QStringLiteral("conflict"), QStringLiteral("Changed meanwhile {\"not\": \"json details\"}"));
        DecisionResult refused = result(queued->at(2), DecisionOutcome::Invalid, MemberStatus::Approved, 2,
            QStringLiteral("conflict"), QStringLiteral("Nothing to take back."));
        sg::proto::OtherDecision approval = other;
        approval.login = QStringLiteral("demo-teacher");
        approval.role = Role::Teacher;
        approval.reason.clear();
        refused.other = approval;
        QVERIFY(cache->applyDecisionResults(kSchool, {told, plain, refused}));

        const auto check = [&](const LocalCache &c) {
            const auto item0 = c.item(queued->at(0).key);
            QVERIFY(item0.ok() && item0->has_value());
            const OutboxItem i0 = item0->value();
            QCOMPARE(int(i0.state), int(OutboxItem::State::Conflict));
            QCOMPARE(i0.problemCode, QStringLiteral("conflict"));
            QCOMPARE(i0.problemMessage, told.message);
            QVERIFY(i0.problemOther);
            QCOMPARE(i0.problemOther->login, login);
            QCOMPARE(int(i0.problemOther->role), int(Role::School));
            QCOMPARE(i0.problemOther->decidedAt, at);
            QCOMPARE(int(i0.problemOther->previousStatus), int(MemberStatus::Pending));
            QCOMPARE(i0.problemOther->reason, reason);

            const OutboxItem i1 = c.item(queued->at(1).key)->value();
            QCOMPARE(i1.problemMessage, plain.message);
            QVERIFY(!i1.problemOther);

            const OutboxItem i2 = c.item(queued->at(2).key)->value();
            QCOMPARE(int(i2.state), int(OutboxItem::State::Refused));
            QVERIFY(i2.problemOther);
            QCOMPARE(i2.problemOther->login, QStringLiteral("demo-teacher"));
            QCOMPARE(int(i2.problemOther->role), int(Role::Teacher));
            QCOMPARE(i2.problemOther->reason, QString());
            QCOMPARE(i2.problemMessage, refused.message);
        };
        check(*cache);
        if (QTest::currentTestFailed())
            return;

        // Sealed: neither the login nor the reason is on the disk.
        QByteArray all;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            all += readFile(dbPath() + suffix);
        QVERIFY(!all.contains(login.toUtf8()));
        QVERIFY(!all.contains(reason.toUtf8()));

        cache.reset();
        cache = openCache();
        QVERIFY(cache);
        check(*cache);
        if (QTest::currentTestFailed())
            return;

        // Sent again: a pending item tells nothing of the old conflict.
        QVERIFY(cache->requeueItem(queued->at(0).key, 2));
        const auto pending = cache->outbox(kSchool, OutboxItem::State::Pending);
        QCOMPARE(pending->size(), 1);
        QVERIFY(!pending->first().problemOther);
        QCOMPARE(pending->first().problemMessage, QString());
    }

    void reportAndDirectorItems()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        const auto queuedDecision = cache->queueDecisions(kSchool, {decision(1, Verdict::Approve)});
        QVERIFY(queuedDecision);
        // The report the waiting decisions would make: person 1 approved, one version on.
        QStringList covers;
        const auto pending = cache->pendingSnapshot(kSchool, &covers);
        QVERIFY(pending);
        QCOMPARE(covers, QStringList{queuedDecision->first().key});
        QCOMPARE(pending->lines.size(), qsizetype(1));
        QCOMPARE(pending->lines.first().memberId, qint64(1));
        QVERIFY(pending->lines.first().verdict == Verdict::Approve);
        QCOMPARE(pending->lines.first().version, queuedDecision->first().baseVersion + 1);
        const sg::proto::ReportSnapshot older{{{1, Verdict::Reject, 9}}};
        const auto first = cache->queueReport(kSchool, older);
        QVERIFY(first);
        // Not sent yet: a newer preview replaces it (the user's latest word), snapshot and key.
        const auto report = cache->queueReport(kSchool, pending.value());
        QVERIFY(report);
        QVERIFY(report->key != first->key);
        QCOMPARE(sg::client::toString(report->kind), sg::client::toString(OutboxItem::Kind::Report));
        QCOMPARE(report->schoolId, kSchool);
        QVERIFY(report->reportSnapshot() && report->reportSnapshot()->sameAs(pending.value()));
        QVERIFY(report->reportCovers().isEmpty());
        QVERIFY(cache->recordAttempt({report->key}));
        // Sent once: one report key until the server has answered it, whatever is queued after.
        const auto again = cache->queueReport(kSchool, older);
        QVERIFY(again);
        QCOMPARE(again->key, report->key);
        QCOMPARE(again->seq, report->seq);
        QVERIFY(again->reportSnapshot() && again->reportSnapshot()->sameAs(pending.value()));

        const QJsonObject submission{{QStringLiteral("surname"), u(u"Директорова")},
            {QStringLiteral("snils"), QStringLiteral("112-233-445 95")},
            {QStringLiteral("kind"), QStringLiteral("change")}};
        const QByteArray order = QByteArrayLiteral("%PDF-1.4 order of appointment ") + randomBytes(3000);
        const auto director = cache->queueDirector(kSchool, submission, order);
        QVERIFY(director);
        const auto noFile = cache->queueDirector(kOtherSchool, submission, {});
        QVERIFY(noFile);

        const auto all = cache->outbox(kSchool);
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
        QCOMPARE(sg::client::toString(all->at(0).kind), sg::client::toString(OutboxItem::Kind::Decision));
        QCOMPARE(sg::client::toString(all->at(1).kind), sg::client::toString(OutboxItem::Kind::Report));
        QCOMPARE(sg::client::toString(all->at(2).kind), sg::client::toString(OutboxItem::Kind::Director));
        QCOMPARE(all->at(2).payload, submission);
        QCOMPARE(all->at(2).attachment, order);
        QCOMPARE(cache->outbox(kOtherSchool)->first().attachment, QByteArray());
        QCOMPARE(cache->pendingCount(kSchool), 1); // decisions only

        QVERIFY(cache->removeItem(report->key));
        QCOMPARE(cache->removeItem(report->key).error().code, QString::fromLatin1(cacheerr::NotFound));
        const auto next = cache->queueReport(kSchool, pending.value());
        QVERIFY(next->key != report->key);
        QVERIFY(cache->removeItem(director->key));
        QCOMPARE(cache->outbox(kSchool)->size(), 2);
    }

    void recordAttempts()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        const auto queued =
            cache->queueDecisions(kSchool, {decision(1, Verdict::Approve), decision(2, Verdict::Approve)});
        QVERIFY(cache->recordAttempt({queued->at(0).key, QStringLiteral("unknown")}));
        QVERIFY(cache->recordAttempt({queued->at(0).key}));
        QCOMPARE(cache->item(queued->at(0).key)->value().attempts, 2);
        QCOMPARE(cache->item(queued->at(1).key)->value().attempts, 0);
    }

    // ---- Atomicity -------------------------------------------------------------------------------------------

    void faultAtEveryStatement_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("minStatements"); // BEGIN + work + COMMIT, or one autocommit statement
        for (const char *op : {"queueDecisions", "applyDecisionResults", "replaceMembers", "mergeMembers",
                 "requeueItem", "queueReport", "queueDirector", "recordAttempt", "purgeSyncedBefore"})
            QTest::newRow(op) << QString::fromLatin1(op) << 3;
        QTest::newRow("discardItem") << QStringLiteral("discardItem") << 1;
        QTest::newRow("putDocument") << QStringLiteral("putDocument") << 1;
        QTest::newRow("setCursor") << QStringLiteral("setCursor") << 1;
    }

    void faultAtEveryStatement()
    {
        QFETCH(QString, operation);
        QFETCH(int, minStatements);
        auto cache = seededCache(30);
        QVERIFY(cache);
        // Some state for the operations to work on: queued decisions, one of them in conflict.
        const auto queued = cache->queueDecisions(kSchool,
            {decision(1, Verdict::Approve), decision(2, Verdict::Reject, QStringLiteral("x")),
                decision(3, Verdict::Approve)});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(1), DecisionOutcome::Conflict, MemberStatus::Approved, 3, QStringLiteral("conflict"))}));
        m_clock.advance(3600);

        const std::function<bool()> call = [&]() -> bool {
            LocalCache &c = *cache;
            if (operation == QLatin1String("queueDecisions")) {
                QList<DecisionItem> batch;
                for (qint64 id = 4; id <= 12; ++id)
                    batch.append(decision(id, id % 2 ? Verdict::Approve : Verdict::Reject, QStringLiteral("reason")));
                batch.append(decision(1, Verdict::Revert));
                return c.queueDecisions(kSchool, batch).ok();
            }
            if (operation == QLatin1String("applyDecisionResults"))
                return c
                    .applyDecisionResults(kSchool,
                        {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Approved, 2),
                            result(queued->at(2), DecisionOutcome::Forbidden, std::nullopt, 0,
                                QStringLiteral("forbidden"))})
                    .ok();
            if (operation == QLatin1String("replaceMembers"))
                return c.replaceMembers(kSchool, people(5, 20), m_clock.now()).ok();
            if (operation == QLatin1String("mergeMembers"))
                return c
                    .mergeMembers(
                        kSchool, {person(5, Role::Teacher, MemberStatus::Approved, 4), person(77)}, m_clock.now())
                    .ok();
            if (operation == QLatin1String("requeueItem"))
                return c.requeueItem(queued->at(1).key, 3).ok();
            if (operation == QLatin1String("discardItem"))
                return c.discardItem(queued->at(1).key).ok();
            if (operation == QLatin1String("queueReport"))
                return c.queueReport(kSchool, sg::proto::ReportSnapshot{{{1, Verdict::Approve, 2}}}).ok();
            if (operation == QLatin1String("queueDirector"))
                return c.queueDirector(kSchool, {{QStringLiteral("surname"), QStringLiteral("D")}}, "file").ok();
            if (operation == QLatin1String("recordAttempt"))
                return c.recordAttempt({queued->at(0).key, queued->at(2).key}).ok();
            if (operation == QLatin1String("purgeSyncedBefore")) {
                return c.purgeSyncedBefore(m_clock.now()).ok();
            }
            if (operation == QLatin1String("putDocument"))
                return c.putDocument(QStringLiteral("school"), {{QStringLiteral("id"), 7}}).ok();
            return c.setCursor(kSchool, QStringLiteral("c-200")).ok();
        };
        if (operation == QLatin1String("purgeSyncedBefore"))
            QVERIFY(cache->mergeMembers(kOtherSchool, {}, m_clock.now())); // school 7 is older: purged, not 8

        int failures = 0;
        for (int failAt = 0;; ++failAt) {
            QVERIFY2(failAt < 1000, "the call never succeeded");
            const QStringList before = snapshot(*cache);
            const QStringList committedBefore = rawDump(dbPath());
            int index = 0;
            bool injected = false;
            cache->setFaultInjector([&] {
                const bool fail = index++ == failAt;
                injected = injected || fail;
                return fail;
            });
            const bool ok = call();
            cache->setFaultInjector({});
            if (!injected) {
                QVERIFY(ok);
                QVERIFY2(snapshot(*cache) != before, "the operation changed nothing: the test would prove nothing");
                break;
            }
            QVERIFY2(!ok, qPrintable(QStringLiteral("statement %1 failed but the call succeeded").arg(failAt)));
            ++failures;
            QCOMPARE(snapshot(*cache), before);
            QCOMPARE(rawDump(dbPath()), committedBefore);
        }
        // Each statement (BEGIN, the work, COMMIT) was made to fail once.
        QVERIFY2(failures >= minStatements, qPrintable(QStringLiteral("only %1 statements").arg(failures)));
        qInfo("%s: %d statements, each failed once", qPrintable(operation), failures);
    }

    void faultReturnsCacheIo()
    {
        auto cache = seededCache();
        QVERIFY(cache);
        cache->setFaultInjector([] { return true; });
        const auto queued = cache->queueDecisions(kSchool, {decision(1, Verdict::Approve)});
        QVERIFY(!queued);
        QCOMPARE(queued.error().code, QString::fromLatin1(cacheerr::Io));
        QCOMPARE(cache->members(kSchool).error().code, QString::fromLatin1(cacheerr::Io));
        cache->setFaultInjector({});
        QVERIFY(cache->queueDecisions(kSchool, {decision(1, Verdict::Approve)})); // no transaction left open
        QCOMPARE(cache->pendingCount(kSchool), 1);
    }

    // ---- Files -----------------------------------------------------------------------------------------------

    void noPlaintextOnDisk()
    {
        auto cache = openCache();
        QVERIFY(cache);
        QList<Member> members = people(40);
        QVERIFY(cache->replaceMembers(kSchool, members, m_clock.now()));
        const QString reason = u(u"Причина отказа Жмыхов-Рябинин");
        const auto queued = cache->queueDecisions(kSchool,
            {decision(1, Verdict::Reject, reason), decision(2, Verdict::Approve, {}, QStringLiteral("plainkey-0001"))});
        QVERIFY(queued);
        QVERIFY(cache->applyDecisionResults(kSchool,
            {result(queued->at(0), DecisionOutcome::Conflict, MemberStatus::Approved, 2, QStringLiteral("conflict"),
                QStringLiteral("Member Qwertyuiop was changed"))}));
        const QJsonObject submission{{QStringLiteral("surname"), u(u"Директорова-Пальцева")},
            {QStringLiteral("snils"), QStringLiteral("112-233-445 95")},
            {QStringLiteral("email"), QStringLiteral("director.qx@school-secret.example")}};
        const QByteArray attachment = QByteArrayLiteral("ATTACHMENT-MARKER-7f3a9c") + randomBytes(2000);
        QVERIFY(cache->queueDirector(kSchool, submission, attachment));
        QVERIFY(cache->putDocument(QStringLiteral("me"),
            {{QStringLiteral("displayName"), u(u"Администраторова Ульяна")},
                {QStringLiteral("snils"), QStringLiteral("987-654-321 00")}}));

        QList<QByteArray> needles;
        for (const Member &m : std::as_const(members)) {
            needles << m.surname.toUtf8() << m.name.toUtf8() << m.email.toUtf8();
        }
        for (const QString &s : {reason, u(u"Директорова-Пальцева"), QStringLiteral("112-233-445 95"),
                 QStringLiteral("director.qx@school-secret.example"), u(u"Администраторова Ульяна"),
                 QStringLiteral("987-654-321 00"), QStringLiteral("Qwertyuiop"), u(u"Ильинична")}) {
            needles << s.toUtf8();
            needles << QByteArray(reinterpret_cast<const char *>(s.utf16()), s.size() * 2); // UTF-16 too
        }
        needles << QByteArrayLiteral("ATTACHMENT-MARKER-7f3a9c") << attachment.mid(100, 32);

        const auto check = [&](const char *when) {
            QByteArray all;
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                all += readFile(dbPath() + suffix);
            QVERIFY(all.size() > 10000);
            // The search works: plain columns (a key, a role) are found.
            QVERIFY2(all.contains("plainkey-0001"), when);
            QVERIFY2(all.contains("teacher"), when);
            for (const QByteArray &needle : std::as_const(needles))
                QVERIFY2(!all.contains(needle),
                    qPrintable(QStringLiteral("%1: found %2").arg(QLatin1String(when), QString::fromUtf8(needle))));
        };
        check("open"); // pages still in the WAL
        if (QTest::currentTestFailed())
            return;
        cache.reset();
        check("closed");
    }

    void wipeRemovesAllFiles()
    {
        QVERIFY(LocalCache::wipe(dbPath())); // nothing there yet
        {
            auto cache = seededCache();
            QVERIFY(cache);
            QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal")));
            QVERIFY(QFile::exists(dbPath() + QStringLiteral("-shm")));
        }
        // What a crash can leave behind.
        QVERIFY(writeFile(dbPath() + QStringLiteral("-wal"), QByteArray(5000, 'w')));
        QVERIFY(writeFile(dbPath() + QStringLiteral("-shm"), QByteArray(5000, 's')));
        QVERIFY(writeFile(dbPath() + QStringLiteral("-journal"), QByteArray(5000, 'j')));
        QVERIFY(LocalCache::wipe(dbPath()));
        for (const QString &suffix :
            {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
            QVERIFY2(!QFile::exists(dbPath() + suffix), qPrintable(suffix));
        // A new cache can be made in its place, with another key.
        m_key = CacheCrypto::generateKey();
        auto cache = openCache();
        QVERIFY(cache);
        QVERIFY(cache->members(kSchool)->isEmpty());
    }

    void purgeOldData()
    {
        auto cache = openCache();
        QVERIFY(cache);
        const QDateTime old = m_clock.now().addDays(-40);
        QVERIFY(cache->replaceMembers(kSchool, people(4), old));
        QVERIFY(cache->replaceMembers(kOtherSchool, people(2, 100), m_clock.now()));
        QVERIFY(cache->setCursor(kSchool, QStringLiteral("old-cursor")));
        QVERIFY(cache->setCursor(kOtherSchool, QStringLiteral("new-cursor")));
        QVERIFY(cache->putDocument(QStringLiteral("old"), {{QStringLiteral("a"), 1}}, old));
        QVERIFY(cache->putDocument(QStringLiteral("new"), {{QStringLiteral("b"), 2}}));
        QVERIFY(cache->queueDecisions(kSchool, {decision(3, Verdict::Approve)}));

        QVERIFY(cache->purgeSyncedBefore(m_clock.now().addDays(-30)));
        const auto left = cache->members(kSchool);
        QCOMPARE(left->size(), 1); // the one with a queued decision
        QCOMPARE(left->first().member.id, qint64(3));
        QVERIFY(left->first().pending);
        QCOMPARE(cache->members(kOtherSchool)->size(), 2);
        QVERIFY(!cache->document(QStringLiteral("old"))->has_value());
        QVERIFY(cache->document(QStringLiteral("new"))->has_value());
        QCOMPARE(cache->cursor(kSchool), QString()); // a full snapshot is needed again
        QCOMPARE(cache->cursor(kOtherSchool), QStringLiteral("new-cursor"));
        QCOMPARE(cache->pendingCount(kSchool), 1);
        // A merge marks the whole school as current.
        QVERIFY(cache->mergeMembers(kOtherSchool, {}, m_clock.now().addDays(10)));
        QVERIFY(cache->purgeSyncedBefore(m_clock.now().addDays(5)));
        QCOMPARE(cache->members(kOtherSchool)->size(), 2);
    }

    void upgradeFromSchemaOneKeepsSyncTimes()
    {
        // A cache written by a client of schema 1 (each member row carried its own sync time): the upgrade keeps
        // the school's time, so the offline age and the purge see the same data as before.
        const QDateTime synced = m_clock.now().addDays(-10);
        {
            auto cache = openCache();
            QVERIFY(cache);
            QVERIFY(cache->replaceMembers(kSchool, people(3), synced));
            QVERIFY(cache->queueDecisions(kSchool, {decision(2, Verdict::Approve)}));
        }
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("DROP TABLE school_synced")), QVariant());
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("DELETE FROM schema_migrations WHERE version >= 2")), QVariant());
        QCOMPARE(rawScalar(dbPath(), QStringLiteral("SELECT count(*) FROM schema_migrations")).toInt(), 1);

        auto cache = openCache();
        QVERIFY(cache);
        QCOMPARE(cache->schemaVersion(), LocalCache::latestSchemaVersion());
        QCOMPARE(
            rawScalar(dbPath(), QStringLiteral("SELECT synced_at FROM school_synced WHERE school_id = %1").arg(kSchool))
                .toLongLong(),
            synced.toMSecsSinceEpoch());
        QCOMPARE(cache->members(kSchool)->size(), 3);
        QCOMPARE(cache->pendingCount(kSchool), 1);
        // Still current against a 30-day limit, past a 5-day one (the queued decision keeps its person).
        QVERIFY(cache->purgeSyncedBefore(m_clock.now().addDays(-30)));
        QCOMPARE(cache->members(kSchool)->size(), 3);
        QVERIFY(cache->purgeSyncedBefore(m_clock.now().addDays(-5)));
        QCOMPARE(cache->members(kSchool)->size(), 1);
    }

    void reopenKeepsEverything()
    {
        QStringList before;
        {
            auto cache = seededCache(25);
            QVERIFY(cache);
            const auto queued = cache->queueDecisions(kSchool,
                {decision(1, Verdict::Approve), decision(2, Verdict::Reject, u(u"Причина")),
                    decision(3, Verdict::Approve)});
            QVERIFY(queued);
            QVERIFY(cache->applyDecisionResults(kSchool,
                {result(queued->at(0), DecisionOutcome::Applied, MemberStatus::Approved, 2),
                    result(queued->at(1), DecisionOutcome::Conflict, MemberStatus::Approved, 4,
                        QStringLiteral("conflict"))}));
            QVERIFY(cache->queueReport(kSchool, sg::proto::ReportSnapshot{{{1, Verdict::Approve, 2}}}));
            QVERIFY(cache->queueDirector(kSchool, {{QStringLiteral("x"), 1}}, "order"));
            QVERIFY(cache->recordAttempt({queued->at(2).key}));
            QVERIFY(cache->putDocument(QStringLiteral("school"), {{QStringLiteral("id"), kSchool}}));
            before = snapshot(*cache);
        }
        QVERIFY(before.size() > 30);
        auto cache = openCache();
        QVERIFY(cache);
        QCOMPARE(snapshot(*cache), before);
    }
};

QTEST_GUILESS_MAIN(TestLocalCache)
#include "tst_localcache.moc"
