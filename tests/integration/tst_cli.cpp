// The schoolgate-server program as the operator runs it: real processes (QProcess) on a fresh data folder each,
// checked by exit code, stdout/stderr, the mail-drop folder and the database itself. A `serve` process runs
// next to the commands where the story needs one (sign-in with mailed credentials, a backup of a live database).
// As integration.cli.pg every test function gets a fresh PostgreSQL database, handed to the program as
// SG_DATABASE_URL (the way packaging/linux/server.conf configures it).

#include "core/csvreader.h"
#include "rawhttp.h"
#include "serveprocess.h"
#include "smtpsink.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

#ifndef SG_SERVER_BIN
#error "SG_SERVER_BIN must name the schoolgate-server executable"
#endif

using namespace sg;
using test::HttpAnswer;

namespace {

const QString kInn = QStringLiteral("7707083893");
const QString kEmail = QStringLiteral("school@test.example");

// The PostgreSQL database of the running test function (integration.cli.pg), or none on SQLite.
std::unique_ptr<test::TemporaryPostgresDatabase> s_postgres;

QString serverBinary()
{
    return QString::fromLocal8Bit(SG_SERVER_BIN);
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SG_SMTP_URL")); // mail must go to DIR/mail-drop
    env.remove(QStringLiteral("SG_DATABASE_URL"));
    if (s_postgres)
        env.insert(QStringLiteral("SG_DATABASE_URL"), s_postgres->url());
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

// One finished run of the program.
struct Run
{
    bool finished = false; // false: did not start or did not end in time (then killed)
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;

    QString describe() const
    {
        return QStringLiteral("exit %1 (%2)\n--- stdout:\n%3\n--- stderr:\n%4")
            .arg(exitCode)
            .arg(QLatin1String(
                finished ? (exitStatus == QProcess::NormalExit ? "normal" : "crashed") : "did not finish"))
            .arg(out, err);
    }
};

Run run(const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(childEnvironment());
    p.start(serverBinary(), arguments);
    Run r;
    if (!p.waitForStarted(timeoutMs)) {
        r.err = p.errorString();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    r.finished = true;
    r.exitStatus = p.exitStatus();
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

#define VERIFY_EXIT(runResult, expectedCode)                                                                           \
    do {                                                                                                               \
        const Run &r_ = (runResult);                                                                                   \
        QVERIFY2(r_.finished &&r_.exitStatus == QProcess::NormalExit && r_.exitCode == (expectedCode),                 \
            qPrintable(r_.describe()));                                                                                \
    } while (false)

// Runs one statement on a database through a connection of its own and returns every row's columns: an SQLite
// file, or a postgresql:// URL. readOnly opens an SQLite file with SQLITE_OPEN_READONLY (it must exist).
struct SqlResult
{
    bool ok = false;
    QString error;
    QList<QVariantList> rows;
    int rowsAffected = -1;
};

SqlResult sql(const QString &dbPath, const QString &statement, bool readOnly = true)
{
    SqlResult result;
    const QString name = QStringLiteral("tst_cli-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        const bool postgres = dbPath.startsWith(QLatin1String("postgresql:"));
        QSqlDatabase db =
            QSqlDatabase::addDatabase(postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        if (postgres) {
            const QUrl url(dbPath);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
        } else {
            db.setDatabaseName(dbPath);
            if (readOnly)
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        }
        if (!db.open()) {
            result.error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(statement)) {
                result.error = q.lastError().text();
            } else {
                result.ok = true;
                result.rowsAffected = q.numRowsAffected();
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row.append(q.value(i));
                    result.rows.append(row);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// Where the commands run on dir keep their data: the SQLite file in it, or the test function's PostgreSQL URL.
QString databaseOf(const QTemporaryDir &dir)
{
    return s_postgres ? s_postgres->url() : dir.filePath(QStringLiteral("schoolgate.db"));
}

QStringList mailDrop(const QTemporaryDir &dir)
{
    QDir drop(dir.filePath(QStringLiteral("mail-drop")));
    QStringList files;
    for (const QString &name : drop.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name))
        files.append(drop.filePath(name));
    return files;
}

// The text/plain body of a message as its recipient reads it.
QString mailText(const QByteArray &raw)
{
    const test::mime::Entity message = test::mime::parse(raw);
    if (message.header("Content-Type").toLower().startsWith("multipart/")) {
        for (const test::mime::Entity &part : test::mime::parts(message)) {
            const QByteArray type = part.header("Content-Type").toLower();
            if (type.isEmpty() || type.startsWith("text/plain"))
                return QString::fromUtf8(test::mime::decodedBody(part));
        }
        return {};
    }
    return QString::fromUtf8(test::mime::decodedBody(message));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Encodes text as Windows-1251 with the reverse of CsvReader's own decoding table; empty when a character has
// no Windows-1251 byte.
QByteArray toWindows1251(const QString &text)
{
    QHash<char16_t, char> reverse;
    for (int b = 0x80; b <= 0xFF; ++b)
        reverse.insert(CsvReader::windows1251ToUnicode(uchar(b)), char(b));
    QByteArray out;
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            out.append(char(c.unicode()));
            continue;
        }
        const auto it = reverse.constFind(c.unicode());
        if (it == reverse.constEnd())
            return {};
        out.append(*it);
    }
    return out;
}

QStringList schoolCreate(const QTemporaryDir &dir, const QString &inn)
{
    return {QStringLiteral("school"), QStringLiteral("create"), QStringLiteral("--data"), dir.path(),
        QStringLiteral("--inn"), inn, QStringLiteral("--name"), QStringLiteral("ГБОУ «Школа № 1234»"),
        QStringLiteral("--email"), kEmail};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void schoolCreateMailsCredentialsAndSignInNeedsNewPassword();
    void schoolCreateRejectsInvalidInn();
    void schoolCreateRejectsDuplicateInn();
    void importSchoolsWindows1251ReportsEachLine();
    void importPeopleUtf8WithBom();
    void importPeopleAllOrNothingThenUpdates();
    void backupWhileServing();
    void auditVerifyDetectsTampering();
    void unknownCommandPrintsUsage();
    void accountDisableAndEnable();
    void badListenAddress_data();
    void badConnectionCap_data();
    void badConnectionCap();
    void badListenAddress();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(serverBinary()).isExecutable(), qPrintable(serverBinary()));
    QVERIFY(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")));
    if (test::TemporaryPostgresDatabase::enabled())
        qInfo("on PostgreSQL: %s", qPrintable(test::TemporaryPostgresDatabase::clusterUrl()));
}

void TestCli::init()
{
    if (!test::TemporaryPostgresDatabase::enabled())
        return;
    s_postgres = std::make_unique<test::TemporaryPostgresDatabase>();
    QVERIFY2(s_postgres->isValid(), qPrintable(s_postgres->errorString()));
}

void TestCli::cleanup()
{
    s_postgres.reset();
}

void TestCli::schoolCreateMailsCredentialsAndSignInNeedsNewPassword()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run created = run(schoolCreate(dir, kInn));
    VERIFY_EXIT(created, 0);
    const QString login = QStringLiteral("school-") + kInn;
    QVERIFY2(created.out.contains(QStringLiteral("login ") + login), qPrintable(created.describe()));
    QVERIFY2(created.out.contains(kEmail), qPrintable(created.describe()));

    // Exactly one message, in the mail drop, to the school, with the login and a one-time password.
    const QStringList mails = mailDrop(dir);
    QCOMPARE(mails.size(), 1);
    const QByteArray raw = readAll(mails.first());
    QVERIFY(test::mime::parse(raw).header("To").contains(kEmail.toLatin1()));
    const QString body = mailText(raw);
    QVERIFY2(body.contains(QStringLiteral("Логин: ") + login), qPrintable(body));
    static const QRegularExpression passwordLine(QStringLiteral("Временный пароль: (\\S+)"));
    const auto m = passwordLine.match(body);
    QVERIFY2(m.hasMatch(), qPrintable(body));
    const QString password = m.captured(1);
    QVERIFY(password.size() >= 12);
    // The password never reaches the terminal (shell history, screen sharing, CI logs).
    QVERIFY2(!created.out.contains(password), "stdout shows the one-time password");
    QVERIFY2(!created.err.contains(password), "stderr shows the one-time password");

    // The mailed credentials work against a served instance of the same data folder, and demand a new password.
    test::ServeProcess serve(serverBinary(), childEnvironment());
    QVERIFY2(serve.start(dir.path()), qPrintable(serve.output()));
    test::RawHttp http(serve.url());
    const HttpAnswer wrong = http.postJson(QStringLiteral("/api/v1/session"),
        {{QStringLiteral("login"), login}, {QStringLiteral("password"), password + QStringLiteral("x")}});
    QCOMPARE(wrong.status, 401);
    const HttpAnswer session = http.postJson(
        QStringLiteral("/api/v1/session"), {{QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    QVERIFY2(session.status == 201, session.body.constData());
    const QJsonObject user = session.json().value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("login")).toString(), login);
    QCOMPARE(user.value(QStringLiteral("mustChangePassword")).toBool(), true);
    const QString token = session.json().value(QStringLiteral("token")).toString();
    const qint64 schoolId = user.value(QStringLiteral("schoolId")).toInteger();
    QVERIFY(schoolId > 0);
    QCOMPARE(http.get(QStringLiteral("/api/v1/schools/%1/members").arg(schoolId), token).code(),
        QStringLiteral("password-change-required"));
    QVERIFY2(serve.stop(), qPrintable(serve.output()));
}

void TestCli::schoolCreateRejectsInvalidInn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // 7707083893 with a wrong last digit.
    const Run bad = run(schoolCreate(dir, QStringLiteral("7707083894")));
    VERIFY_EXIT(bad, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("check digit")), qPrintable(bad.describe()));
    QVERIFY2(bad.err.contains(QStringLiteral("does not match the other digits")), qPrintable(bad.describe()));
    // Nothing created, nothing mailed.
    QVERIFY(mailDrop(dir).isEmpty());
    const SqlResult schools = sql(databaseOf(dir), QStringLiteral("SELECT COUNT(*) FROM schools"));
    QVERIFY2(schools.ok, qPrintable(schools.error));
    QCOMPARE(schools.rows.value(0).value(0).toInt(), 0);
}

void TestCli::schoolCreateRejectsDuplicateInn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VERIFY_EXIT(run(schoolCreate(dir, kInn)), 0);
    // The same INN again, pasted with spaces: still the same organisation.
    const Run again = run(schoolCreate(dir, QStringLiteral("77 0708 3893")));
    VERIFY_EXIT(again, 1);
    QVERIFY2(again.err.contains(kInn), qPrintable(again.describe()));
    QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.describe()));
    QCOMPARE(mailDrop(dir).size(), 1);
    const SqlResult counts = sql(databaseOf(dir),
        QStringLiteral("SELECT (SELECT COUNT(*) FROM schools), (SELECT COUNT(*) FROM users WHERE role = 'school')"));
    QVERIFY2(counts.ok, qPrintable(counts.error));
    QCOMPARE(counts.rows.value(0).value(0).toInt(), 1);
    QCOMPARE(counts.rows.value(0).value(1).toInt(), 1);
}

void TestCli::importSchoolsWindows1251ReportsEachLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString text = QStringLiteral(
        "inn;kpp;ogrn;name;short_name;region;address;email\r\n"
        "7707083893;773601001;;ГБОУ «Школа № 1234»;Школа № 1234;Москва;ул. Ёлочная, д. 1;s1234@test.example\r\n"
        "5001007329;;;МБОУ «Лицей № 5»;Лицей № 5;Московская область;;lyceum5@test.example\r\n"
        "7707083894;;;МАОУ «Гимназия № 3»;Гимназия № 3;Москва;;gym3@test.example\r\n");
    const QByteArray csv = toWindows1251(text);
    QVERIFY(!csv.isEmpty());
    QVERIFY(!CsvReader::isValidUtf8(csv)); // really Windows-1251, not UTF-8 by accident
    const QString file = dir.filePath(QStringLiteral("schools.csv"));
    QVERIFY(writeFile(file, csv));

    const Run imported =
        run({QStringLiteral("import"), QStringLiteral("schools"), file, QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(imported, 3);
    const QStringList lines = imported.out.split(QLatin1Char('\n'));
    const auto lineStarting = [&lines](const QString &prefix) {
        for (const QString &l : lines) {
            if (l.startsWith(prefix))
                return l;
        }
        return QString();
    };
    QVERIFY2(lineStarting(QStringLiteral("row 2 (line 2): ok")).contains(QStringLiteral("7707083893")),
        qPrintable(imported.describe()));
    QVERIFY2(lineStarting(QStringLiteral("row 3 (line 3): ok")).contains(QStringLiteral("5001007329")),
        qPrintable(imported.describe()));
    const QString error = lineStarting(QStringLiteral("row 4 (line 4): ERROR"));
    QVERIFY2(error.contains(QStringLiteral("check digit")), qPrintable(imported.describe()));
    QVERIFY2(lineStarting(QStringLiteral("row 5")).isEmpty(), qPrintable(imported.describe()));
    QVERIFY2(imported.out.contains(QStringLiteral("encoding Windows-1251; imported 2, failed 1")),
        qPrintable(imported.describe()));

    // The good rows are in, with their Cyrillic text decoded (« » № Ё are Windows-1251 bytes too).
    const SqlResult schools =
        sql(databaseOf(dir), QStringLiteral("SELECT inn, name, address FROM schools ORDER BY inn"));
    QVERIFY2(schools.ok, qPrintable(schools.error));
    QCOMPARE(schools.rows.size(), 2);
    QCOMPARE(schools.rows.at(0).value(0).toString(), QStringLiteral("5001007329"));
    QCOMPARE(schools.rows.at(0).value(1).toString(), QStringLiteral("МБОУ «Лицей № 5»"));
    QCOMPARE(schools.rows.at(1).value(0).toString(), QStringLiteral("7707083893"));
    QCOMPARE(schools.rows.at(1).value(2).toString(), QStringLiteral("ул. Ёлочная, д. 1"));
    // One credentials mail per created school, none for the failed row.
    QCOMPARE(mailDrop(dir).size(), 2);
}

void TestCli::importPeopleUtf8WithBom()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VERIFY_EXIT(run(schoolCreate(dir, kInn)), 0);
    const QByteArray csv = QByteArray("\xEF\xBB\xBF")
        + QStringLiteral("role;surname;name;patronymic;email;subject;class\r\n"
                         "teacher;Семёнова;Алёна;Петровна;semenova@test.example;Математика;\r\n"
                         "student;Ёлкин;Пётр;;;;5А\r\n"
                         "student;Бонч-Бруевич;Ян;;;;5Б\r\n"
                         "student;Иванова;Мария;Сергеевна;;;5А\r\n")
              .toUtf8();
    const QString file = dir.filePath(QStringLiteral("people.csv"));
    QVERIFY(writeFile(file, csv));

    const Run imported = run({QStringLiteral("import"), QStringLiteral("people"), QStringLiteral("--school-inn"), kInn,
        file, QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(imported, 0);
    QVERIFY2(
        imported.out.contains(QStringLiteral("encoding UTF-8; imported 4, failed 0")), qPrintable(imported.describe()));
    QCOMPARE(imported.out.count(QStringLiteral(": ok")), 4);

    const SqlResult counts = sql(databaseOf(dir),
        QStringLiteral("SELECT (SELECT COUNT(*) FROM members WHERE role = 'teacher'), "
                       "(SELECT COUNT(*) FROM members WHERE role = 'student'), (SELECT COUNT(*) FROM classes), "
                       "(SELECT COUNT(*) FROM members WHERE surname = 'Ёлкин' AND name = 'Пётр')"));
    QVERIFY2(counts.ok, qPrintable(counts.error));
    QCOMPARE(counts.rows.value(0).value(0).toInt(), 1);
    QCOMPARE(counts.rows.value(0).value(1).toInt(), 3);
    QCOMPARE(counts.rows.value(0).value(2).toInt(), 2); // 5А and 5Б
    QCOMPARE(counts.rows.value(0).value(3).toInt(), 1); // the BOM did not end up in the data

    // An unknown school is an error, not an empty import.
    const Run unknown = run({QStringLiteral("import"), QStringLiteral("people"), QStringLiteral("--school-inn"),
        QStringLiteral("5001007329"), file, QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(unknown, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("5001007329")), qPrintable(unknown.describe()));
}

void TestCli::importPeopleAllOrNothingThenUpdates()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VERIFY_EXIT(run(schoolCreate(dir, kInn)), 0);
    const QString file = dir.filePath(QStringLiteral("people.csv"));
    const auto import = [&](const QString &text, bool dryRun = false) {
        [&] { QVERIFY(writeFile(file, text.toUtf8())); }();
        QStringList args{QStringLiteral("import"), QStringLiteral("people"), QStringLiteral("--school-inn"), kInn, file,
            QStringLiteral("--data"), dir.path()};
        if (dryRun)
            args.append(QStringLiteral("--dry-run"));
        return run(args);
    };
    const auto memberCount = [&] {
        const SqlResult r = sql(databaseOf(dir), QStringLiteral("SELECT COUNT(*) FROM members"));
        return r.ok ? r.rows.value(0).value(0).toInt() : -1;
    };
    const auto auditCount = [&] {
        const SqlResult r =
            sql(databaseOf(dir), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'people.imported'"));
        return r.ok ? r.rows.value(0).value(0).toInt() : -1;
    };

    // A bad row in the middle (row 4 of the spreadsheet, line 5 of the file: a cell of row 3 holds a line break)
    // keeps the whole file out; the message names both.
    const QString bad = QStringLiteral("role;surname;name;patronymic;email;subject;class\r\n"
                                       "teacher;Семёнова;Алёна;Петровна;semenova@test.example;Математика;\r\n"
                                       "student;Ёлкин;Пётр;\"Иванович\r\n(второй)\";;;5А\r\n"
                                       "student;Иванова;Мария;;;;15Я\r\n"
                                       "student;Бонч-Бруевич;Ян;;;;5Б\r\n");
    const Run refused = import(bad);
    VERIFY_EXIT(refused, 3);
    QVERIFY2(
        refused.out.contains(QStringLiteral("row 4 (line 5): ERROR class: \"15Я\"")), qPrintable(refused.describe()));
    QVERIFY2(refused.out.contains(QStringLiteral("nothing stored")), qPrintable(refused.describe()));
    QCOMPARE(memberCount(), 0);
    QCOMPARE(sql(databaseOf(dir), QStringLiteral("SELECT COUNT(*) FROM classes")).rows.value(0).value(0).toInt(), 0);
    QCOMPARE(auditCount(), 0);

    // The corrected file, first as a dry run: everything checked, nothing stored.
    QString good = bad;
    good.replace(QStringLiteral("15Я"), QStringLiteral("5А"));
    const Run dry = import(good, true);
    VERIFY_EXIT(dry, 0);
    QVERIFY2(dry.out.contains(QStringLiteral("imported 4, failed 0 (added 4, updated 0, unchanged 0)")),
        qPrintable(dry.describe()));
    QVERIFY2(dry.out.contains(QStringLiteral("dry run: nothing stored")), qPrintable(dry.describe()));
    QCOMPARE(memberCount(), 0);

    const Run stored = import(good);
    VERIFY_EXIT(stored, 0);
    QVERIFY2(stored.out.contains(QStringLiteral("(added 4, updated 0, unchanged 0)")), qPrintable(stored.describe()));
    QCOMPARE(memberCount(), 4);
    QCOMPARE(auditCount(), 1);

    // The same file again adds nobody; a corrected one (another class, an e-mail added, the surname written with
    // е instead of ё and in capitals) updates the people it names; a new person is added.
    const Run again = import(good);
    VERIFY_EXIT(again, 0);
    QVERIFY2(again.out.contains(QStringLiteral("(added 0, updated 0, unchanged 4)")), qPrintable(again.describe()));
    QCOMPARE(memberCount(), 4);
    const QString corrected = QStringLiteral("role;surname;name;patronymic;email;subject;class\r\n"
                                             "teacher;Семёнова;Алёна;Петровна;SEMENOVA@test.example;Алгебра;\r\n"
                                             "student;ЕЛКИН;Пётр;\"Иванович\n(второй)\";elkin@test.example;;5Б\r\n"
                                             "student;Иванова;Мария;;;;5А\r\n"
                                             "student;Бонч-Бруевич;Ян;;;;5Б\r\n"
                                             ";;;;;;\r\n"
                                             "student;Новиков;Илья;;;;7В\r\n");
    const Run updated = import(corrected);
    VERIFY_EXIT(updated, 0);
    QVERIFY2(updated.out.contains(QStringLiteral("(added 1, updated 2, unchanged 2)")), qPrintable(updated.describe()));
    QVERIFY2(updated.out.contains(QStringLiteral("updated: name, e-mail, class")), qPrintable(updated.describe()));
    QCOMPARE(memberCount(), 5);
    const SqlResult elkin = sql(databaseOf(dir),
        QStringLiteral(
            "SELECT m.surname, m.email, c.grade, c.letter FROM members m JOIN classes c ON c.id = m.class_id "
            "WHERE m.name = 'Пётр'"));
    QVERIFY2(elkin.ok, qPrintable(elkin.error));
    QCOMPARE(elkin.rows.size(), 1);
    QCOMPARE(elkin.rows.at(0).value(0).toString(), QStringLiteral("ЕЛКИН"));
    QCOMPARE(elkin.rows.at(0).value(1).toString(), QStringLiteral("elkin@test.example"));
    QCOMPARE(elkin.rows.at(0).value(2).toInt(), 5);
    QCOMPARE(elkin.rows.at(0).value(3).toString(), QStringLiteral("Б"));

    // One person twice in a file, and namesakes the file cannot tell apart: refused, nothing stored.
    const Run twice = import(QStringLiteral("role;surname;name;class\r\n"
                                            "student;Орлов;Глеб;6А\r\n"
                                            "student;Орлов;Глеб;6А\r\n"
                                            "student;Бонч-Бруевич;Ян;5Б\r\n"
                                            "student;Бонч-Бруевич;Ян;5Б\r\n"));
    VERIFY_EXIT(twice, 3);
    QVERIFY2(twice.out.contains(QStringLiteral("row 3 (line 3): ERROR the same person as row 2")),
        qPrintable(twice.describe()));
    QVERIFY2(twice.out.contains(QStringLiteral("row 5 (line 5): ERROR the same person as row 4")),
        qPrintable(twice.describe()));
    QCOMPARE(memberCount(), 5);
    QCOMPARE(auditCount(), 3); // each stored import, the one that changed nothing too
}

void TestCli::backupWhileServing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VERIFY_EXIT(run(schoolCreate(dir, kInn)), 0);
    test::ServeProcess serve(serverBinary(), childEnvironment());
    QVERIFY2(serve.start(dir.path()), qPrintable(serve.output()));
    test::RawHttp http(serve.url());
    QCOMPARE(http.get(QStringLiteral("/api/v1/health")).status, 200);

    const QString copy = dir.filePath(QStringLiteral("copy.db"));
    const Run backup = run({QStringLiteral("backup"), copy, QStringLiteral("--data"), dir.path()});
    if (s_postgres) {
        // The command copies SQLite files; PostgreSQL has its own tools, and the refusal names them.
        VERIFY_EXIT(backup, 1);
        QVERIFY2(backup.err.contains(QStringLiteral("pg_dump")), qPrintable(backup.describe()));
        QVERIFY(!QFileInfo::exists(copy));
        QCOMPARE(http.get(QStringLiteral("/api/v1/health")).status, 200);
        QVERIFY2(serve.stop(), qPrintable(serve.output()));
        return;
    }
    VERIFY_EXIT(backup, 0);
    QVERIFY2(backup.out.contains(copy), qPrintable(backup.describe()));
    QVERIFY(QFileInfo::exists(copy));
    QVERIFY2(serve.isRunning(), qPrintable(serve.output()));
    QCOMPARE(http.get(QStringLiteral("/api/v1/health")).status, 200); // the live server did not notice

    const SqlResult integrity = sql(copy, QStringLiteral("PRAGMA integrity_check"));
    QVERIFY2(integrity.ok, qPrintable(integrity.error));
    QCOMPARE(integrity.rows.value(0).value(0).toString(), QStringLiteral("ok"));
    const SqlResult schools = sql(copy, QStringLiteral("SELECT inn, name FROM schools"));
    QVERIFY2(schools.ok, qPrintable(schools.error));
    QCOMPARE(schools.rows.size(), 1);
    QCOMPARE(schools.rows.at(0).value(0).toString(), kInn);
    QCOMPARE(schools.rows.at(0).value(1).toString(), QStringLiteral("ГБОУ «Школа № 1234»"));
    const SqlResult users = sql(copy, QStringLiteral("SELECT login FROM users"));
    QVERIFY2(users.ok, qPrintable(users.error));
    QCOMPARE(users.rows.size(), 1);
    QCOMPARE(users.rows.at(0).value(0).toString(), QStringLiteral("school-") + kInn);

    // Never over an existing file: the earlier backup stays as it was.
    const QByteArray before = readAll(copy);
    const Run again = run({QStringLiteral("backup"), copy, QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(again, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.describe()));
    QCOMPARE(readAll(copy), before);
    QVERIFY2(serve.stop(), qPrintable(serve.output()));
}

void TestCli::auditVerifyDetectsTampering()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    VERIFY_EXIT(run(schoolCreate(dir, kInn)), 0);
    const Run intact = run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(intact, 0);
    QVERIFY2(intact.out.contains(QStringLiteral("chain intact")), qPrintable(intact.describe()));
    static const QRegularExpression entries(QStringLiteral("audit log: (\\d+) entries"));
    const auto m = entries.match(intact.out);
    QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 1, qPrintable(intact.describe()));

    const SqlResult tamper =
        sql(databaseOf(dir), QStringLiteral(R"(UPDATE audit_log SET after = '{"x":1}' WHERE id = 1)"), false);
    QVERIFY2(tamper.ok, qPrintable(tamper.error));
    QCOMPARE(tamper.rowsAffected, 1);

    const Run broken = run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(broken, 4);
    QVERIFY2(broken.err.contains(QStringLiteral("entry 1 ")), qPrintable(broken.describe()));
    QVERIFY2(!broken.out.contains(QStringLiteral("chain intact")), qPrintable(broken.describe()));
}

void TestCli::unknownCommandPrintsUsage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run unknown = run({QStringLiteral("frobnicate"), QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("unknown command \"frobnicate\"")), qPrintable(unknown.describe()));
    for (const char *usage : {"Commands:", "school create", "import schools FILE.csv", "audit verify", "backup FILE"})
        QVERIFY2(unknown.err.contains(QString::fromLatin1(usage)), usage);
    // A known command with an unknown subcommand is just as wrong.
    const Run sub = run({QStringLiteral("school"), QStringLiteral("delete"), QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(sub, 2);
    QVERIFY2(sub.err.contains(QStringLiteral("Commands:")), qPrintable(sub.describe()));
}

// An administrator disables an account and enables it again; the live server refuses its session at once.
void TestCli::accountDisableAndEnable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString password = QStringLiteral("demo password for the cli");
    VERIFY_EXIT(run({QStringLiteral("demo"), QStringLiteral("--data"), dir.path(), QStringLiteral("--demo-password"),
                    password}),
        0);
    test::ServeProcess serve(serverBinary(), childEnvironment());
    QVERIFY2(serve.start(dir.path()), qPrintable(serve.output()));
    test::RawHttp http(serve.url());
    const auto signIn = [&] {
        return http.postJson(QStringLiteral("/api/v1/session"),
            {{QStringLiteral("login"), QStringLiteral("demo-teacher")}, {QStringLiteral("password"), password}});
    };
    const HttpAnswer first = signIn();
    QCOMPARE(first.status, 201);
    const QString token = first.json().value(QStringLiteral("token")).toString();
    QCOMPARE(http.get(QStringLiteral("/api/v1/me"), token).status, 200);

    const Run disabled = run({QStringLiteral("account"), QStringLiteral("disable"), QStringLiteral("demo-teacher"),
        QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(disabled, 0);
    QVERIFY2(disabled.out.contains(QStringLiteral("disabled")), qPrintable(disabled.describe()));
    QCOMPARE(http.get(QStringLiteral("/api/v1/me"), token).status, 401);
    QCOMPARE(signIn().status, 401);

    VERIFY_EXIT(run({QStringLiteral("account"), QStringLiteral("enable"), QStringLiteral("demo-teacher"),
                    QStringLiteral("--data"), dir.path()}),
        0);
    QCOMPARE(signIn().status, 201);

    const Run unknown = run({QStringLiteral("account"), QStringLiteral("disable"), QStringLiteral("nobody-here"),
        QStringLiteral("--data"), dir.path()});
    VERIFY_EXIT(unknown, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("nobody-here")), qPrintable(unknown.describe()));
    VERIFY_EXIT(run({QStringLiteral("account"), QStringLiteral("disable"), QStringLiteral("--data"), dir.path()}), 2);
    QVERIFY2(serve.stop(), qPrintable(serve.output()));
}

void TestCli::badListenAddress_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("no port") << QStringLiteral("127.0.0.1");
    QTest::newRow("no host") << QStringLiteral(":8480");
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:65536");
    QTest::newRow("port not a number") << QStringLiteral("127.0.0.1:http");
    QTest::newRow("negative port") << QStringLiteral("127.0.0.1:-1");
    QTest::newRow("bad address") << QStringLiteral("300.0.0.1:8480");
}

void TestCli::badListenAddress()
{
    QFETCH(QString, listen);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r =
        run({QStringLiteral("serve"), QStringLiteral("--data"), dir.path(), QStringLiteral("--listen"), listen}, 20000);
    VERIFY_EXIT(r, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--listen")), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains(QStringLiteral("listening on")), qPrintable(r.describe()));
}

void TestCli::badConnectionCap_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    for (const QString &option :
        {QStringLiteral("--max-connections"), QStringLiteral("--max-connections-per-address")}) {
        QTest::addRow("%s zero", qPrintable(option)) << option << QStringLiteral("0");
        QTest::addRow("%s negative", qPrintable(option)) << option << QStringLiteral("-5");
        QTest::addRow("%s words", qPrintable(option)) << option << QStringLiteral("many");
        QTest::addRow("%s huge", qPrintable(option)) << option << QStringLiteral("100001");
    }
}

void TestCli::badConnectionCap()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = run({QStringLiteral("serve"), QStringLiteral("--data"), dir.path(), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0"), option, value},
        20000);
    VERIFY_EXIT(r, 2);
    QVERIFY2(r.err.contains(option), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains(QStringLiteral("listening on")), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
