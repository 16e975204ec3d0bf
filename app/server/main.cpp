// schoolgate-server: the bundled server module as a program, with the operator's and administrator's commands.

#include "server/accountstore.h"
#include "server/admincommands.h"
#include "server/auditlog.h"
#include "server/commandline.h"
#include "server/database.h"
#include "server/demoseeder.h"
#include "server/esiabroker.h"
#include "server/maildispatcher.h"
#include "server/memberaccounts.h"
#include "server/server.h"
#ifdef Q_OS_WIN
#include "winservice.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>

namespace {

constexpr char kUsage[] = R"(Commands:
  serve                       serve the API (the default)
  demo                        seed the demo school and exit
  school create               create a school; its one-time password is mailed to --email
  operator create             create a support operator account; the password is mailed to --email
  account disable LOGIN       disable an account: its sessions end at once and it cannot sign in
  account enable LOGIN        enable a disabled account again
  account send-link LOGIN     mail a teacher a new one-time link to set the account's password (earlier links
                              stop working); approving a teacher sends the first one
  account person LOGIN        record the person behind an account (--surname, --name, --patronymic, --birth-date);
                              a Gosuslugi account is linked to it only if these match
  esia unlink LOGIN           remove the link between an account and its Gosuslugi account
  esia dev-key                print the development signer's public key (register it with the ESIA test stand)
  import schools FILE.csv     create schools from a CSV file (inn;kpp;ogrn;name;short_name;region;address;email)
  import people FILE.csv      add or update the teachers and students of --school-inn, all rows or none
                              (role;surname;name;patronymic;email;subject;class); --dry-run stores nothing
  audit verify                check the hash chain of the audit log
  backup FILE                 write a consistent copy of the database while the server may be running
  mail send                   send the queued mail now)";

void quitOnSignal(int)
{
    QCoreApplication::quit();
}

void printImport(QTextStream &out, const sg::server::ImportReport &report, bool people)
{
    // "row" is the row's number as a spreadsheet shows it (the header is row 1); "line" the line in the file, which
    // differs when a cell holds line breaks or the file has empty lines.
    for (const auto &line : report.lines) {
        out << "row " << line.record << " (line " << line.line << "): " << (line.ok ? "ok   " : "ERROR ")
            << line.message << "\n";
    }
    out << "encoding " << report.encoding << "; imported " << report.imported << ", failed " << report.failed;
    if (people)
        out << " (added " << report.added << ", updated " << report.updated << ", unchanged " << report.unchanged
            << ")";
    out << "\n";
    if (people && report.failed > 0)
        out << "nothing stored: correct the rows marked ERROR and import the whole file again\n";
    else if (report.dryRun)
        out << "dry run: nothing stored\n";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("schoolgate-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("SchoolGate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SG_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("SchoolGate server module: the HTTP JSON API under /api/v1.\n\n") + QString::fromLatin1(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral("serve (default), demo, school, operator, import, audit, backup, mail"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on; port 0 picks a free one."), QStringLiteral("ADDRESS:PORT"),
        QStringLiteral("127.0.0.1:8480"));
    const QCommandLineOption dataOpt(
        QStringLiteral("data"), QStringLiteral("Data folder (database, mail drop)."), QStringLiteral("DIR"));
    const QCommandLineOption databaseOpt(QStringLiteral("database"),
        QStringLiteral("PostgreSQL instead of the SQLite file in the data folder: "
                       "postgresql://user@host:5432/schoolgate?sslmode=verify-full (password from PGPASSWORD or "
                       "~/.pgpass). Default: $SG_DATABASE_URL."),
        QStringLiteral("URL"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
        QStringLiteral("With serve: seed the demo school and the accounts demo-school, demo-teacher, "
                       "demo-operator, demo-lyceum first."));
    const QCommandLineOption demoPasswordOpt(QStringLiteral("demo-password"),
        QStringLiteral("Password of the demo accounts (default: random, printed)."), QStringLiteral("PASSWORD"));
    const QCommandLineOption smtpOpt(QStringLiteral("smtp"),
        QStringLiteral("SMTP relay, e.g. smtp://user:pass@relay.example:587 (default: .eml files in DIR/mail-drop; "
                       "also SG_SMTP_URL)."),
        QStringLiteral("URL"));
    const QCommandLineOption mailFromOpt(
        QStringLiteral("mail-from"), QStringLiteral("Sender address of notifications."), QStringLiteral("ADDRESS"));
    const QCommandLineOption supportEmailOpt(QStringLiteral("support-email"),
        QStringLiteral("Support address shown to schools after consent."), QStringLiteral("ADDRESS"));
    const QCommandLineOption innOpt(
        QStringLiteral("inn"), QStringLiteral("school create: the organisation's INN."), QStringLiteral("INN"));
    const QCommandLineOption kppOpt(
        QStringLiteral("kpp"), QStringLiteral("school create: KPP."), QStringLiteral("KPP"));
    const QCommandLineOption ogrnOpt(
        QStringLiteral("ogrn"), QStringLiteral("school create: OGRN."), QStringLiteral("OGRN"));
    const QCommandLineOption nameOpt(QStringLiteral("name"),
        QStringLiteral("Full name (school) or display name (operator)."), QStringLiteral("NAME"));
    const QCommandLineOption shortNameOpt(
        QStringLiteral("short-name"), QStringLiteral("school create: short name."), QStringLiteral("NAME"));
    const QCommandLineOption regionOpt(
        QStringLiteral("region"), QStringLiteral("school create: region."), QStringLiteral("REGION"));
    const QCommandLineOption addressOpt(
        QStringLiteral("address"), QStringLiteral("school create: postal address."), QStringLiteral("ADDRESS"));
    const QCommandLineOption emailOpt(
        QStringLiteral("email"), QStringLiteral("Where the one-time password is mailed."), QStringLiteral("EMAIL"));
    const QCommandLineOption loginOpt(
        QStringLiteral("login"), QStringLiteral("Login of the new account."), QStringLiteral("LOGIN"));
    const QCommandLineOption schoolInnOpt(
        QStringLiteral("school-inn"), QStringLiteral("import people: the school's INN."), QStringLiteral("INN"));
    const QCommandLineOption dryRunOpt(QStringLiteral("dry-run"),
        QStringLiteral("import people: check the whole file and say what it would do; store nothing."));
    const QCommandLineOption maxConnectionsOpt(QStringLiteral("max-connections"),
        QStringLiteral("serve: open connections in total (default 512)."), QStringLiteral("N"));
    const QCommandLineOption maxPerAddressOpt(QStringLiteral("max-connections-per-address"),
        QStringLiteral("serve: open connections per client address (default 64; behind a reverse proxy on the same "
                       "host every connection comes from one address, so raise it to --max-connections)."),
        QStringLiteral("N"));
    const QCommandLineOption workersOpt(QStringLiteral("workers"),
        QStringLiteral("serve: threads that answer API requests, each with its own database connection (default: the "
                       "number of cores, 2 to 8)."),
        QStringLiteral("N"));
    const QCommandLineOption offlineMaxDaysOpt(QStringLiteral("offline-max-days"),
        QStringLiteral("serve: the longest time, in days, a client's encrypted offline copy may go without a sync "
                       "before the client deletes it (1 to 3650; default $SG_OFFLINE_MAX_DAYS, else 30)."),
        QStringLiteral("DAYS"));
    const QCommandLineOption tlsCertOpt(QStringLiteral("tls-certificate"),
        QStringLiteral("serve: speak HTTPS with this PEM certificate (chain after it); with --tls-key. Default: "
                       "$SG_TLS_CERTIFICATE."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKeyOpt(QStringLiteral("tls-key"),
        QStringLiteral("serve: the certificate's unencrypted PEM private key (RSA or EC). Default: $SG_TLS_KEY."),
        QStringLiteral("FILE"));
    const QCommandLineOption surnameOpt(
        QStringLiteral("surname"), QStringLiteral("account person: the surname."), QStringLiteral("SURNAME"));
    const QCommandLineOption patronymicOpt(
        QStringLiteral("patronymic"), QStringLiteral("account person: the patronymic."), QStringLiteral("PATRONYMIC"));
    const QCommandLineOption birthDateOpt(QStringLiteral("birth-date"),
        QStringLiteral("account person: the date of birth, YYYY-MM-DD or DD.MM.YYYY."), QStringLiteral("DATE"));
    const QCommandLineOption publicUrlOpt(QStringLiteral("public-url"),
        QStringLiteral("serve: this server as people's browsers reach it (e.g. https://school.example.ru behind a "
                       "proxy): the base of the links in mails. Default: $SG_PUBLIC_URL, else where the server "
                       "listens."),
        QStringLiteral("URL"));
    const QCommandLineOption esiaUrlOpt(QStringLiteral("esia-url"),
        QStringLiteral("serve: sign-in through ESIA (Gosuslugi) at this base URL, e.g. https://esia.gosuslugi.ru or "
                       "the test stand's. Default: $SG_ESIA_URL."),
        QStringLiteral("URL"));
    const QCommandLineOption esiaClientOpt(QStringLiteral("esia-client-id"),
        QStringLiteral("serve: the client mnemonic registered with ESIA. Default: $SG_ESIA_CLIENT_ID."),
        QStringLiteral("ID"));
    const QCommandLineOption esiaCallbackOpt(QStringLiteral("esia-callback-url"),
        QStringLiteral("serve: this server's /api/v1/esia/callback as browsers reach it (behind a proxy). Default: "
                       "$SG_ESIA_CALLBACK_URL, else where the server listens."),
        QStringLiteral("URL"));
    const QCommandLineOption esiaSignerOpt(QStringLiteral("esia-signer"),
        QStringLiteral("serve: how client_secret is signed: \"dev\" (an Ed25519 key in DIR, for the test stand "
                       "only) or a command that reads the message on stdin and prints a base64 GOST signature. "
                       "Default: $SG_ESIA_SIGNER, else dev."),
        QStringLiteral("SIGNER"));
    const QCommandLineOption esiaOnlyOpt(QStringLiteral("esia-only"),
        QStringLiteral("serve: password sign-in off; people come in through ESIA (also SG_ESIA_ONLY=1)."));
    const QCommandLineOption configOpt(QStringLiteral("config"),
        QStringLiteral("Read settings from FILE first, as systemd reads /etc/schoolgate/server.conf: NAME=value lines "
                       "(SG_SMTP_URL, SG_DATABASE_URL, PGPASSWORD, SG_TLS_*, SG_ESIA_* ... become the environment; "
                       "SG_LISTEN is the default of --listen; SG_SERVER_OPTIONS are further options). Options on the "
                       "command line win over the file, the file over the environment."),
        QStringLiteral("FILE"));
    const QCommandLineOption esiaTrustTlsOpt(QStringLiteral("esia-trust-tls"),
        QStringLiteral("serve: accept an id_token that is not signed with the test stand's key (real ESIA signs with "
                       "GOST) when it comes from ESIA's token endpoint over verified HTTPS."));
    parser.addOptions({listenOpt, dataOpt, databaseOpt, demoOpt, demoPasswordOpt, smtpOpt, mailFromOpt, supportEmailOpt,
        innOpt, kppOpt, ogrnOpt, nameOpt, shortNameOpt, regionOpt, addressOpt, emailOpt, loginOpt, schoolInnOpt,
        dryRunOpt, maxConnectionsOpt, maxPerAddressOpt, workersOpt, offlineMaxDaysOpt, tlsCertOpt, tlsKeyOpt,
        surnameOpt, patronymicOpt, birthDateOpt, publicUrlOpt, esiaUrlOpt, esiaClientOpt, esiaCallbackOpt,
        esiaSignerOpt, esiaOnlyOpt, esiaTrustTlsOpt, configOpt});
#ifdef Q_OS_WIN
    const QCommandLineOption serviceOpt(QStringLiteral("service"),
        QStringLiteral("serve as the Windows service schoolgate-server (started by the Service Control Manager, "
                       "installed by the MSI's feature «Сервер школы»); output goes to DIR\\server.log."));
    parser.addOption(serviceOpt);
#endif

    QTextStream out(stdout);
    QTextStream err(stderr);

    // --config FILE: its settings go into the environment (where the program reads SG_* and libpq PGPASSWORD),
    // SG_SERVER_OPTIONS in front of the command line's own arguments, so that those win.
    QStringList arguments = app.arguments();
    QString configListen;
    if (parser.parse(arguments) && parser.isSet(configOpt)) {
        const QString path = parser.value(configOpt);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            err << "schoolgate-server: cannot read the settings file " << path << ": " << file.errorString() << "\n";
            return 2;
        }
        sg::server::commandline::Settings settings;
        QString problem;
        if (!sg::server::commandline::parseSettings(file.readAll(), &settings, &problem)) {
            err << "schoolgate-server: " << path << ": " << problem << "\n";
            return 2;
        }
        QStringList fileOptions;
        for (const auto &[name, value] : settings) {
            if (name == QLatin1String("SG_LISTEN"))
                configListen = value;
            else if (name == QLatin1String("SG_SERVER_OPTIONS"))
                fileOptions = QProcess::splitCommand(value);
            else
                qputenv(name.toLocal8Bit().constData(), value.toLocal8Bit());
        }
        // Options only: a word that is no option's value would become the command.
        if (parser.parse(QStringList{arguments.constFirst()} + fileOptions)
            && !parser.positionalArguments().isEmpty()) {
            err << "schoolgate-server: " << path << ": SG_SERVER_OPTIONS holds options only, not \""
                << parser.positionalArguments().constFirst() << "\"\n";
            return 2;
        }
        for (qsizetype i = 0; i < fileOptions.size(); ++i)
            arguments.insert(1 + i, fileOptions.at(i));
    }
    parser.process(arguments);
    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, QStringLiteral("serve"));
    const QString sub = args.value(1);
#ifdef Q_OS_WIN
    // Declared before everything it outlives: it reports the exit code to the Service Control Manager last.
    std::unique_ptr<sg::server::WindowsService> service;
#endif
    const auto fail = [&](const QString &message, int code = 1) {
        err << "schoolgate-server: " << message << "\n";
        err.flush();
#ifdef Q_OS_WIN
        if (service)
            service->setExitCode(code);
#endif
        return code;
    };
#ifdef Q_OS_WIN
    if (parser.isSet(serviceOpt)) {
        if (command != QLatin1String("serve") || !parser.isSet(dataOpt))
            return fail(QStringLiteral("--service runs serve only, with --data DIR"), 2);
        QString problem;
        service = sg::server::WindowsService::connect(
            QDir(parser.value(dataOpt)).filePath(QStringLiteral("server.log")), &problem);
        if (!service)
            return fail(problem, 2);
    }
#endif

    QHostAddress address;
    quint16 port = 0;
    const QString listen = parser.isSet(listenOpt) || configListen.isEmpty() ? parser.value(listenOpt) : configListen;
    if (!sg::server::commandline::parseListen(listen, &address, &port))
        return fail(
            QStringLiteral("--listen (or SG_LISTEN) takes ADDRESS:PORT, for example 127.0.0.1:8480 or 0.0.0.0:0"), 2);
    sg::server::ServerOptions options;
    options.dataDir = parser.isSet(dataOpt) ? parser.value(dataOpt)
                                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.databaseUrl =
        parser.isSet(databaseOpt) ? parser.value(databaseOpt) : qEnvironmentVariable("SG_DATABASE_URL");
    options.address = address;
    options.port = port;
    options.smtpUrl = parser.isSet(smtpOpt) ? parser.value(smtpOpt) : qEnvironmentVariable("SG_SMTP_URL");
    options.tlsCertificateFile =
        parser.isSet(tlsCertOpt) ? parser.value(tlsCertOpt) : qEnvironmentVariable("SG_TLS_CERTIFICATE");
    options.tlsKeyFile = parser.isSet(tlsKeyOpt) ? parser.value(tlsKeyOpt) : qEnvironmentVariable("SG_TLS_KEY");
    if (parser.isSet(mailFromOpt))
        options.mailFrom = parser.value(mailFromOpt);
    if (parser.isSet(supportEmailOpt))
        options.supportEmail = parser.value(supportEmailOpt);
    for (const auto &[opt, target] : {std::pair{&maxConnectionsOpt, &options.transport.maxConnections},
             std::pair{&maxPerAddressOpt, &options.transport.maxConnectionsPerAddress}}) {
        if (!parser.isSet(*opt))
            continue;
        bool ok = false;
        const int n = parser.value(*opt).toInt(&ok);
        if (!ok || n < 1 || n > 100000)
            return fail(QStringLiteral("--%1 takes a whole number from 1 to 100000").arg(opt->names().constFirst()), 2);
        *target = n;
    }

    if (parser.isSet(workersOpt)) {
        bool ok = false;
        const int n = parser.value(workersOpt).toInt(&ok);
        if (!ok || n < 1 || n > 64)
            return fail(QStringLiteral("--workers takes a whole number from 1 to 64"), 2);
        options.workerThreads = n;
    }

    const auto setting = [&](const QCommandLineOption &opt, const char *env) {
        return parser.isSet(opt) ? parser.value(opt) : qEnvironmentVariable(env);
    };
    if (const QString days = setting(offlineMaxDaysOpt, "SG_OFFLINE_MAX_DAYS"); !days.isEmpty()) {
        bool ok = false;
        const int n = days.toInt(&ok);
        if (!ok || n < 1 || n > 3650)
            return fail(QStringLiteral("--offline-max-days (or SG_OFFLINE_MAX_DAYS) takes a whole number of days from "
                                       "1 to 3650"),
                2);
        options.offlineMaxDays = n;
    }
    if (const QString url = setting(publicUrlOpt, "SG_PUBLIC_URL"); !url.isEmpty()) {
        options.publicUrl = QUrl(url, QUrl::StrictMode);
        if (!options.publicUrl.isValid() || options.publicUrl.host().isEmpty()
            || (options.publicUrl.scheme() != QLatin1String("https")
                && options.publicUrl.scheme() != QLatin1String("http")))
            return fail(QStringLiteral("--public-url (or SG_PUBLIC_URL) takes an http(s) URL with a host"), 2);
    }
    const QString devKeyFile = QDir(options.dataDir).filePath(QStringLiteral("esia-dev-signer.key"));
    const QString esiaUrl = setting(esiaUrlOpt, "SG_ESIA_URL");
    if (!esiaUrl.isEmpty()) {
        sg::server::EsiaSettings &esia = options.esia;
        esia.esiaUrl = QUrl(esiaUrl, QUrl::StrictMode);
        if (!esia.esiaUrl.isValid()
            || (esia.esiaUrl.scheme() != QLatin1String("https") && esia.esiaUrl.scheme() != QLatin1String("http")))
            return fail(QStringLiteral("--esia-url takes an http(s) URL"), 2);
        esia.clientId = setting(esiaClientOpt, "SG_ESIA_CLIENT_ID");
        if (esia.clientId.isEmpty())
            return fail(QStringLiteral("--esia-url needs --esia-client-id (or SG_ESIA_CLIENT_ID)"), 2);
        const QString callback = setting(esiaCallbackOpt, "SG_ESIA_CALLBACK_URL");
        if (!callback.isEmpty()) {
            esia.callbackUrl = QUrl(callback, QUrl::StrictMode);
            if (!esia.callbackUrl.isValid() || esia.callbackUrl.scheme().isEmpty())
                return fail(QStringLiteral("--esia-callback-url takes an http(s) URL"), 2);
        }
        const QString signer = setting(esiaSignerOpt, "SG_ESIA_SIGNER");
        if (signer.isEmpty() || signer == QLatin1String("dev")) {
            auto dev = sg::server::DevelopmentSigner::loadOrCreate(devKeyFile);
            if (!dev)
                return fail(dev.error().message);
            esia.signer = dev.value();
        } else {
            const QStringList signerCommand = QProcess::splitCommand(signer);
            if (signerCommand.isEmpty())
                return fail(QStringLiteral("--esia-signer names no command"), 2);
            esia.signer = std::make_shared<sg::server::CommandSigner>(signerCommand);
        }
        esia.esiaOnly = parser.isSet(esiaOnlyOpt) || qEnvironmentVariable("SG_ESIA_ONLY") == QLatin1String("1");
        esia.trustTlsForIdToken = parser.isSet(esiaTrustTlsOpt);
    } else if (parser.isSet(esiaOnlyOpt)) {
        return fail(QStringLiteral("--esia-only needs --esia-url: otherwise nobody could sign in"), 2);
    }

    sg::SystemClock clock;
    sg::server::Server server(options, &clock);
    if (auto st = server.open(); !st)
        return fail(st.error().message);
    sg::server::AdminCommands admin(server);
    const auto sendMail = [&] {
        const int sent = server.mail().sendPending(1000);
        if (sent > 0)
            out << "mail: sent " << sent << " message(s)\n";
    };
    const auto readFile = [&](const QString &path, QByteArray *bytes) {
        QFile f(path);
        if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
            err << "schoolgate-server: cannot read " << (path.isEmpty() ? QStringLiteral("(no file given)") : path)
                << "\n";
            return false;
        }
        *bytes = f.readAll();
        return true;
    };

    if (command == QLatin1String("demo") || (command == QLatin1String("serve") && parser.isSet(demoOpt))) {
        sg::server::DemoSeeder seeder(server.database(), server.accounts(), clock);
        auto demo = seeder.seed(parser.value(demoPasswordOpt));
        if (!demo)
            return fail(QStringLiteral("demo: ") + demo.error().message);
        out << "demo school: " << demo->teachers << " teachers, " << demo->students << " students\n"
            << "demo accounts: demo-school, demo-teacher, demo-operator, demo-lyceum; password: " << demo->password
            << "\n";
        if (command == QLatin1String("demo"))
            return 0;
    } else if (command == QLatin1String("school") && sub == QLatin1String("create")) {
        sg::server::SchoolDraft d;
        d.inn = parser.value(innOpt);
        d.kpp = parser.value(kppOpt);
        d.ogrn = parser.value(ogrnOpt);
        d.name = parser.value(nameOpt);
        d.shortName = parser.value(shortNameOpt);
        d.region = parser.value(regionOpt);
        d.address = parser.value(addressOpt);
        d.email = parser.value(emailOpt);
        d.login = parser.value(loginOpt);
        auto created = admin.createSchool(d);
        if (!created)
            return fail(created.error().message);
        out << "school " << created->schoolId << " created; login " << created->login
            << "; the one-time password is mailed to " << created->mailedTo << "\n";
        sendMail();
        return 0;
    } else if (command == QLatin1String("operator") && sub == QLatin1String("create")) {
        auto created = admin.createOperator(parser.value(loginOpt), parser.value(emailOpt), parser.value(nameOpt));
        if (!created)
            return fail(created.error().message);
        out << "operator " << created->login << " created; the one-time password is mailed to " << created->mailedTo
            << "\n";
        sendMail();
        return 0;
    } else if (command == QLatin1String("account")
        && (sub == QLatin1String("disable") || sub == QLatin1String("enable"))) {
        const QString login = args.value(2);
        if (login.isEmpty())
            return fail(QStringLiteral("account %1 needs a LOGIN.\n").arg(sub) + QString::fromLatin1(kUsage), 2);
        const bool disable = sub == QLatin1String("disable");
        if (auto st = server.accounts().setDisabled(login, disable, QStringLiteral("admin-cli")); !st)
            return fail(st.error().message);
        out << "account " << login << (disable ? " disabled; its sessions have ended" : " enabled") << "\n";
        return 0;
    } else if (command == QLatin1String("account") && sub == QLatin1String("send-link")) {
        const QString login = args.value(2);
        if (login.isEmpty())
            return fail(QStringLiteral("account send-link needs a LOGIN.\n") + QString::fromLatin1(kUsage), 2);
        auto sent = server.memberAccounts().sendPasswordLink(login, QStringLiteral("admin-cli"));
        if (!sent)
            return fail(sent.error().message);
        out << "a new link to set the password of " << login << " is mailed to " << sent.value() << "\n";
        sendMail();
        return 0;
    } else if (command == QLatin1String("account") && sub == QLatin1String("person")) {
        const QString login = args.value(2);
        if (login.isEmpty() || !parser.isSet(surnameOpt) || !parser.isSet(nameOpt) || !parser.isSet(birthDateOpt))
            return fail(QStringLiteral("account person needs a LOGIN, --surname, --name and --birth-date.\n")
                    + QString::fromLatin1(kUsage),
                2);
        const QDate birthDate = sg::server::commandline::parseDate(parser.value(birthDateOpt));
        if (!birthDate.isValid())
            return fail(QStringLiteral("--birth-date takes YYYY-MM-DD or DD.MM.YYYY, not \"%1\"")
                            .arg(parser.value(birthDateOpt)),
                2);
        if (auto st = server.accounts().setPerson(login, parser.value(surnameOpt), parser.value(nameOpt),
                parser.value(patronymicOpt), birthDate, QStringLiteral("admin-cli"));
            !st)
            return fail(st.error().message);
        out << "account " << login << ": person recorded\n";
        return 0;
    } else if (command == QLatin1String("esia") && sub == QLatin1String("unlink")) {
        const QString login = args.value(2);
        if (login.isEmpty())
            return fail(QStringLiteral("esia unlink needs a LOGIN.\n") + QString::fromLatin1(kUsage), 2);
        if (auto st = server.esia().unlink(login, QStringLiteral("admin-cli")); !st)
            return fail(st.error().message);
        out << "account " << login << ": no longer linked to a Gosuslugi account\n";
        return 0;
    } else if (command == QLatin1String("esia") && sub == QLatin1String("dev-key")) {
        auto dev = sg::server::DevelopmentSigner::loadOrCreate(devKeyFile);
        if (!dev)
            return fail(dev.error().message);
        out << dev.value()->publicKey().toBase64() << "\n";
        return 0;
    } else if (command == QLatin1String("import")
        && (sub == QLatin1String("schools") || sub == QLatin1String("people"))) {
        QByteArray bytes;
        if (!readFile(args.value(2), &bytes))
            return 1;
        auto report = sub == QLatin1String("schools")
            ? admin.importSchools(bytes)
            : admin.importPeople(parser.value(schoolInnOpt), bytes, parser.isSet(dryRunOpt));
        if (!report)
            return fail(report.error().message);
        printImport(out, report.value(), sub == QLatin1String("people"));
        sendMail();
        return report->failed == 0 ? 0 : 3;
    } else if (command == QLatin1String("audit") && sub == QLatin1String("verify")) {
        const auto v = server.audit().verify();
        if (v.ok) {
            out << "audit log: " << v.entries << " entries, chain intact\n";
            return 0;
        }
        return fail(QStringLiteral("audit log: entry %1 is wrong: %2").arg(v.firstBadId).arg(v.problem), 4);
    } else if (command == QLatin1String("backup")) {
        if (sub.isEmpty())
            return fail(QStringLiteral("backup needs a FILE to write.\n") + QString::fromLatin1(kUsage), 2);
        if (auto st = admin.backup(sub); !st)
            return fail(st.error().message);
        out << "backup written to " << sub << "\n";
        return 0;
    } else if (command == QLatin1String("mail") && sub == QLatin1String("send")) {
        sendMail();
        return 0;
    } else if (command != QLatin1String("serve")) {
        return fail(
            QStringLiteral("unknown command \"%1\".\n").arg(args.join(QLatin1Char(' '))) + QString::fromLatin1(kUsage),
            2);
    }

    if (auto st = server.start(); !st)
        return fail(st.error().message);
    out << "data: " << QDir(options.dataDir).absolutePath() << "\n";
    if (!options.databaseUrl.isEmpty())
        out << "database: " << sg::server::Database::redactedUrl(options.databaseUrl) << "\n";
    out << "listening on " << server.baseUrl().toString() << "\n";
    out.flush();

    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
#ifdef Q_OS_WIN
    if (service)
        service->reportRunning();
#endif
    const int code = app.exec();
#ifdef Q_OS_WIN
    if (service)
        service->setExitCode(code);
#endif
    return code;
}
