// schoolgate-server --config FILE: the settings file of the Windows service (%ProgramData%\SchoolGate\server.conf)
// in the format of /etc/schoolgate/server.conf. The parser itself (commandline::parseSettings), then the program
// run as a separate process: the file's SG_LISTEN and SG_SERVER_OPTIONS, its other names as the environment, the
// order command line > file > environment, the packaged files as they are, and the refusals.

#include "server/commandline.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#ifndef SG_SERVER_BIN
#error "SG_SERVER_BIN must name the schoolgate-server executable"
#endif
#ifndef SG_SOURCE_DIR
#error "SG_SOURCE_DIR must name the source tree"
#endif

using sg::server::commandline::parseSettings;
using sg::server::commandline::Settings;

namespace {

struct Run
{
    bool listening = false; // printed "listening on …" (then it was stopped)
    int exitCode = -1; // when it ended by itself
    QString out;
    QString err;

    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2\n--- stderr:\n%3").arg(exitCode).arg(out, err);
    }
};

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("SG_")) || name == QLatin1String("PGPASSWORD"))
            env.remove(name);
    }
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

// Runs `schoolgate-server serve --data DIR <arguments>` until it listens (then stops it) or ends by itself.
Run serve(const QString &dataDir, const QStringList &arguments, const QProcessEnvironment &env = cleanEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SG_SERVER_BIN),
        QStringList{QStringLiteral("serve"), QStringLiteral("--data"), dataDir} + arguments);
    Run r;
    if (!p.waitForStarted(20000)) {
        r.err = p.errorString();
        return r;
    }
    QByteArray out;
    (void)QTest::qWaitFor(
        [&] {
            out += p.readAllStandardOutput();
            r.listening = out.contains("listening on ");
            return r.listening || p.state() == QProcess::NotRunning;
        },
        30000);
    if (r.listening) {
        p.terminate();
        p.waitForFinished(15000);
    } else if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
    } else {
        r.exitCode = p.exitCode();
    }
    r.out = QString::fromUtf8(out + p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

QString listenedAddress(const Run &r)
{
    static const QRegularExpression listening(QStringLiteral("listening on https?://([^/\\s]+)"));
    return listening.match(r.out).captured(1);
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void parsesNameValueLines()
    {
        Settings settings;
        QString error;
        QVERIFY(parseSettings("# comment\n\n  SG_LISTEN=127.0.0.1:8480\nSG_SMTP_URL=\nPGPASSWORD = a=b c \n"
                              "  # indented comment\nSG_SERVER_OPTIONS=--workers 2 --mail-from a@b.example",
            &settings, &error));
        QCOMPARE(settings.size(), 4);
        QCOMPARE(settings.at(0), std::make_pair(QStringLiteral("SG_LISTEN"), QStringLiteral("127.0.0.1:8480")));
        QCOMPARE(settings.at(1), std::make_pair(QStringLiteral("SG_SMTP_URL"), QString()));
        QCOMPARE(settings.at(2), std::make_pair(QStringLiteral("PGPASSWORD"), QStringLiteral("a=b c")));
        QCOMPARE(settings.at(3).second, QStringLiteral("--workers 2 --mail-from a@b.example"));
    }

    void takesNotepadFiles()
    {
        Settings settings;
        QString error;
        QVERIFY(parseSettings("\xEF\xBB\xBFSG_LISTEN=0.0.0.0:8443\r\n# Сервер школы\r\nSG_TLS_KEY=C:\\ProgramData\\"
                              "SchoolGate\\tls\\server.key\r\n",
            &settings, &error));
        QCOMPARE(settings.size(), 2);
        QCOMPARE(settings.at(0).first, QStringLiteral("SG_LISTEN"));
        QCOMPARE(settings.at(0).second, QStringLiteral("0.0.0.0:8443"));
        QCOMPARE(settings.at(1).second, QStringLiteral("C:\\ProgramData\\SchoolGate\\tls\\server.key"));
    }

    void refusesOtherLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("no equals sign") << QByteArray("SG_LISTEN=1.2.3.4:1\nsmtp://user:secret@relay\n") << 2;
        QTest::newRow("shell export") << QByteArray("# x\n\nexport SG_SMTP_URL=smtp://user:secret@relay\n") << 3;
        QTest::newRow("name with a dash") << QByteArray("SG-LISTEN=secret\n") << 1;
        QTest::newRow("name starting with a digit") << QByteArray("1SG=secret\n") << 1;
        QTest::newRow("empty name") << QByteArray("=secret\n") << 1;
    }

    void refusesOtherLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        Settings settings{{QStringLiteral("KEPT"), QStringLiteral("1")}};
        QString error;
        QVERIFY(!parseSettings(text, &settings, &error));
        QCOMPARE(error, QStringLiteral("line %1 is not NAME=value").arg(line));
        QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
        QCOMPARE(settings.size(), 1); // untouched
    }

    // The packaged settings files (Linux and Windows) parse, and hold the names the service reads.
    void packagedFilesParse_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("linux") << QStringLiteral(SG_SOURCE_DIR "/packaging/linux/server.conf");
        QTest::newRow("windows") << QStringLiteral(SG_SOURCE_DIR "/packaging/windows/server.conf");
    }

    void packagedFilesParse()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        Settings settings;
        QString error;
        QVERIFY2(parseSettings(f.readAll(), &settings, &error), qPrintable(error));
        QStringList names;
        for (const auto &[name, value] : settings)
            names << name;
        for (const char *name : {"SG_LISTEN", "SG_TLS_CERTIFICATE", "SG_TLS_KEY", "SG_DATABASE_URL", "PGPASSWORD",
                 "SG_SMTP_URL", "SG_SERVER_OPTIONS"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        QCOMPARE(settings.first().second, QStringLiteral("127.0.0.1:8480"));
    }

    // The Windows file as installed, with only the port changed: the server starts from it.
    void serverStartsFromThePackagedFile()
    {
        QTemporaryDir dir;
        QFile f(QStringLiteral(SG_SOURCE_DIR "/packaging/windows/server.conf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        text.replace("SG_LISTEN=127.0.0.1:8480", "SG_LISTEN=127.0.0.1:0");
        const QString conf = writeFile(dir, QStringLiteral("server.conf"), text);
        const Run r = serve(dir.filePath(QStringLiteral("data")), {QStringLiteral("--config"), conf});
        QVERIFY2(r.listening, qPrintable(r.describe()));
        QVERIFY2(listenedAddress(r).startsWith(QLatin1String("127.0.0.1:")), qPrintable(r.describe()));
    }

    void listenComesFromTheFileUnlessGiven()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString good = writeFile(dir, QStringLiteral("good.conf"), "SG_LISTEN=127.0.0.1:0\n");
        Run r = serve(data, {QStringLiteral("--config"), good});
        QVERIFY2(r.listening, qPrintable(r.describe()));

        // The file's address is read: a wrong one is refused...
        const QString bad = writeFile(dir, QStringLiteral("bad.conf"), "SG_LISTEN=nowhere\n");
        r = serve(data, {QStringLiteral("--config"), bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("SG_LISTEN")), qPrintable(r.describe()));
        // ... unless the command line gives its own.
        r = serve(data, {QStringLiteral("--config"), bad, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY2(r.listening, qPrintable(r.describe()));
    }

    // SG_SERVER_OPTIONS are options of serve, read as if given before the command line's own.
    void serverOptionsAreOptions()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString workers =
            writeFile(dir, QStringLiteral("workers.conf"), "SG_LISTEN=127.0.0.1:0\nSG_SERVER_OPTIONS=--workers 0\n");
        Run r = serve(data, {QStringLiteral("--config"), workers});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--workers takes")), qPrintable(r.describe()));
        r = serve(data, {QStringLiteral("--config"), workers, QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY2(r.listening, qPrintable(r.describe()));

        const QString positional = writeFile(dir, QStringLiteral("positional.conf"), "SG_SERVER_OPTIONS=demo\n");
        r = serve(data, {QStringLiteral("--config"), positional});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("SG_SERVER_OPTIONS holds options only")), qPrintable(r.describe()));

        const QString unknown = writeFile(dir, QStringLiteral("unknown.conf"), "SG_SERVER_OPTIONS=--no-such-option\n");
        r = serve(data, {QStringLiteral("--config"), unknown});
        QVERIFY2(r.exitCode != 0 && !r.listening, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QLatin1String("no-such-option")), qPrintable(r.describe()));
    }

    // Other names become the environment: the file wins over the environment, the command line over the file.
    void otherNamesAreTheEnvironment()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString conf = writeFile(dir, QStringLiteral("tls.conf"),
            "SG_LISTEN=127.0.0.1:0\nSG_TLS_CERTIFICATE=/nonexistent/from-file.crt\n"
            "SG_TLS_KEY=/nonexistent/from-file.key\n");
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("SG_TLS_CERTIFICATE"), QStringLiteral("/nonexistent/from-environment.crt"));
        env.insert(QStringLiteral("SG_TLS_KEY"), QStringLiteral("/nonexistent/from-environment.key"));
        Run r = serve(data, {QStringLiteral("--config"), conf}, env);
        QVERIFY2(!r.listening && r.exitCode != 0, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QLatin1String("from-file")), qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(QLatin1String("from-environment")), qPrintable(r.describe()));

        r = serve(data,
            {QStringLiteral("--config"), conf, QStringLiteral("--tls-certificate"),
                QStringLiteral("/nonexistent/from-command-line.crt"), QStringLiteral("--tls-key"),
                QStringLiteral("/nonexistent/from-command-line.key")},
            env);
        QVERIFY2(!r.listening && r.exitCode != 0, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(QLatin1String("from-command-line")), qPrintable(r.describe()));

        // An empty value in the file clears the environment's, as systemd's EnvironmentFile= does.
        const QString cleared =
            writeFile(dir, QStringLiteral("cleared.conf"), "SG_LISTEN=127.0.0.1:0\nSG_TLS_CERTIFICATE=\nSG_TLS_KEY=\n");
        r = serve(data, {QStringLiteral("--config"), cleared}, env);
        QVERIFY2(r.listening, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QLatin1String("listening on http://")), qPrintable(r.describe()));
    }

    void refusesAMissingOrBrokenFile()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        Run r = serve(data, {QStringLiteral("--config"), dir.filePath(QStringLiteral("missing.conf"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("cannot read the settings file")), qPrintable(r.describe()));

        const QString broken =
            writeFile(dir, QStringLiteral("broken.conf"), "SG_LISTEN=127.0.0.1:0\nsmtp://user:secret@relay\n");
        r = serve(data, {QStringLiteral("--config"), broken});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("line 2 is not NAME=value")), qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(QLatin1String("secret")), qPrintable(r.describe()));
        QVERIFY2(!QDir(data).exists(), "nothing is created before the settings are read");
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
