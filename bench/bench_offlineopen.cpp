// bench_offlineopen: opening the offline copy of a school to a filled table, as a director does on a laptop with no
// network — the encrypted cache file opened with its key (schema checked), every member read and decrypted, the
// members table filled and sorted by name, and the table view laid out. The baseline, in the same run, reads the
// same rows as plain JSON from an SQLite file of the same shape (no encryption, no model, no view) into the same
// member objects: the least any program can do to have those people in memory. Ours and the baseline alternate
// which runs first. Prints a table; never asserts a timing (docs/performance.md).
//
//   bench_offlineopen [--quick]   (--quick: 300 people, one repetition; used by CTest)

#include "client/cachecrypto.h"
#include "client/localcache.h"
#include "client/membertablemodel.h"
#include "core/protocol.h"
#include "ui/memberfilterproxymodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace sg;

namespace {

constexpr qint64 kSchool = 7;

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_offlineopen: %s\n", qPrintable(what));
    std::exit(1);
}

QList<proto::Member> people(int n)
{
    static const char16_t *surnames[] = {u"Иванова", u"Петров", u"Ёлкина", u"Сидоров", u"Кузнецова", u"Смирнов",
        u"Попова", u"Соколов", u"Лебедева", u"Козлов"};
    static const char16_t *names[] = {u"Анна", u"Иван", u"Дарья", u"Пётр", u"Мария", u"Алексей"};
    QList<proto::Member> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        proto::Member m;
        m.id = 1000 + i;
        m.role = i % 20 == 0 ? Role::Teacher : Role::Student;
        m.surname = QString::fromUtf16(surnames[i % 10]) + QString::number(i);
        m.name = QString::fromUtf16(names[i % 6]);
        m.patronymic = QStringLiteral("Сергеевич");
        m.email = QStringLiteral("person%1@school.example").arg(i);
        m.subject = m.role == Role::Teacher ? QStringLiteral("Математика") : QString();
        m.className = m.role == Role::Student ? QStringLiteral("%1А").arg(5 + i % 7) : QString();
        m.status = i % 3 == 0 ? MemberStatus::Approved : MemberStatus::Pending;
        m.version = 1 + i % 4;
        m.registeredAt = QDateTime(QDate(2026, 9, 1), QTime(8, 0), QTimeZone::utc()).addSecs(i * 60);
        m.esiaLevel = QStringLiteral("confirmed");
        out.append(m);
    }
    return out;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

// Ours: the copy opened, read, decrypted, shown (students' table, sorted by name, laid out).
double runOurs(const QString &path, const QByteArray &key, int expected)
{
    QElapsedTimer timer;
    timer.start();
    auto opened = client::LocalCache::open(path, key);
    if (!opened)
        fail(QStringLiteral("open: ") + opened.error().message);
    auto cache = std::move(opened).value();
    auto members = cache->members(kSchool);
    if (!members)
        fail(QStringLiteral("read: ") + members.error().message);
    QList<proto::Member> students;
    for (client::CachedMember &c : members.value()) {
        if (c.member.role == Role::Student)
            students.append(std::move(c.member));
    }
    client::MemberTableModel model;
    model.syncMembers(std::move(students), {}, {});
    ui::MemberFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(client::MemberTableModel::FullNameColumn);
    QTableView view;
    view.setModel(&proxy);
    view.resize(1000, 560);
    view.show();
    view.horizontalHeader()->resizeSections(QHeaderView::Interactive);
    QCoreApplication::processEvents();
    const double ms = timer.nsecsElapsed() / 1e6;
    if (int(members->size()) != expected || proxy.rowCount() == 0)
        fail(QStringLiteral("read %1 of %2").arg(members->size()).arg(expected));
    return ms;
}

// Baseline: the same rows, plain JSON in SQLite, read into members.
double runBaseline(const QString &path, int expected)
{
    QElapsedTimer timer;
    timer.start();
    int read = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("baseline"));
        db.setDatabaseName(path);
        if (!db.open())
            fail(QStringLiteral("baseline open"));
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT data FROM members WHERE school_id = %1 ORDER BY id").arg(kSchool)))
            fail(QStringLiteral("baseline read: ") + q.lastError().text());
        QList<proto::Member> out;
        while (q.next()) {
            auto m = proto::Member::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
            if (!m)
                fail(QStringLiteral("baseline parse"));
            out.append(std::move(m).value());
        }
        read = int(out.size());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("baseline"));
    const double ms = timer.nsecsElapsed() / 1e6;
    if (read != expected)
        fail(QStringLiteral("baseline read %1 of %2").arg(read).arg(expected));
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int count = quick ? 300 : 2000;
    const int repetitions = quick ? 1 : 7;
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("offline/copy.db"));
    const QString plain = dir.filePath(QStringLiteral("plain.db"));
    const QByteArray key = client::CacheCrypto::generateKey();
    const QList<proto::Member> members = people(count);
    {
        auto cache = client::LocalCache::open(copy, key);
        if (!cache || !cache.value()->replaceMembers(kSchool, members, QDateTime::currentDateTimeUtc()))
            fail(QStringLiteral("seed the copy"));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(plain);
        if (!db.open())
            fail(QStringLiteral("seed open"));
        QSqlQuery q(db);
        q.exec(QStringLiteral("CREATE TABLE members (school_id INTEGER, id INTEGER, data BLOB, PRIMARY KEY (school_id, "
                              "id))"));
        db.transaction();
        q.prepare(QStringLiteral("INSERT INTO members VALUES (?, ?, ?)"));
        for (const proto::Member &m : members) {
            q.addBindValue(kSchool);
            q.addBindValue(m.id);
            q.addBindValue(m.toJsonBytes());
            if (!q.exec())
                fail(QStringLiteral("seed insert: ") + q.lastError().text());
        }
        db.commit();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));

    QList<double> ours, baseline;
    for (int i = 0; i < repetitions; ++i) {
        if (i % 2 == 0)
            baseline.append(runBaseline(plain, count));
        ours.append(runOurs(copy, key, count));
        if (i % 2 == 1)
            baseline.append(runBaseline(plain, count));
    }
    const double o = median(ours), b = median(baseline);
    std::printf("bench_offlineopen (%s build, %d repetition(s), median; ours and the baseline alternate)\n",
        SG_BENCH_CONFIG, repetitions);
    std::printf("%-56s | %8s | %11s | %7s | %s\n", "case", "ours ms", "baseline ms", "ratio", "goal");
    std::printf("%-56s | %8.1f | %11.1f | %6.2fx | <= 1000 ms (ratio recorded)\n",
        qPrintable(QStringLiteral("open the offline copy of %1 people to a filled table").arg(count)), o, b, o / b);
    return 0;
}
