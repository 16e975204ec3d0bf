// schoolgate-esia-stand: the ESIA test stand as a program, with the commands that set up its clients and accounts.

#include "esiastand/esiastand.h"
#include "server/commandline.h"
#include "server/mailer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>

namespace {

constexpr char kUsage[] = R"(Commands:
  serve                       serve the stand (the default)
  client add CLIENT_ID        register a relying party: --redirect URI (repeatable) --public-key BASE64
  account add                 create an account: --surname --name --password and an --email, --phone or --snils;
                              prints its oid
  account level LOGIN LEVEL   set the level: simplified, standard or confirmed (the last two need SNILS and birth date)
  account confirm LOGIN       confirm the account, as a service centre does: the person has entered the birth date,
                              SNILS and passport on the stand's profile page (/profile) and asked for it
  account child               create a child's account: --parent LOGIN --surname --name --birth-date --snils --password
  account org LOGIN           add an organisation: --org-name --ogrn --inn [--chief]
  account list                list the accounts
  jwks                        print the JWKS of the id_token key

LOGIN is a phone number, an e-mail address, a SNILS or an oid.)";

void quitOnSignal(int)
{
    QCoreApplication::quit();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("schoolgate-esia-stand"));
    QCoreApplication::setOrganizationName(QStringLiteral("SchoolGate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SG_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The ESIA test stand: an emulator of the Gosuslugi login for development and tests.\n\n")
        + QString::fromLatin1(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve (default), client, account, jwks"));
    const QCommandLineOption dataOpt(QStringLiteral("data"),
        QStringLiteral("Data folder: esia-stand.sqlite, the signing key, the mail drop (required)."),
        QStringLiteral("DIR"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
        QStringLiteral("serve: address and port; port 0 picks a free one."), QStringLiteral("ADDRESS:PORT"),
        QStringLiteral("127.0.0.1:8490"));
    const QCommandLineOption publicUrlOpt(QStringLiteral("public-url"),
        QStringLiteral("serve: the URL people and clients reach the stand at (links in mail, the id_token's iss). "
                       "Default: the listen address."),
        QStringLiteral("URL"));
    const QCommandLineOption smtpOpt(QStringLiteral("smtp"),
        QStringLiteral("serve: SMTP relay, e.g. smtp://127.0.0.1:2525 (default: .eml files in DIR/mail-drop)."),
        QStringLiteral("URL"));
    const QCommandLineOption redirectOpt(QStringLiteral("redirect"),
        QStringLiteral("client add: an allowed redirect URI (repeatable)."), QStringLiteral("URI"));
    const QCommandLineOption publicKeyOpt(QStringLiteral("public-key"),
        QStringLiteral("client add: the client's Ed25519 public key, 32 bytes in base64."), QStringLiteral("BASE64"));
    const QCommandLineOption surnameOpt(
        QStringLiteral("surname"), QStringLiteral("account: surname."), QStringLiteral("TEXT"));
    const QCommandLineOption nameOpt(
        QStringLiteral("name"), QStringLiteral("account: first name."), QStringLiteral("TEXT"));
    const QCommandLineOption patronymicOpt(
        QStringLiteral("patronymic"), QStringLiteral("account: patronymic."), QStringLiteral("TEXT"));
    const QCommandLineOption birthDateOpt(QStringLiteral("birth-date"),
        QStringLiteral("account: birth date, 2010-05-17 or 17.05.2010."), QStringLiteral("DATE"));
    const QCommandLineOption genderOpt(
        QStringLiteral("gender"), QStringLiteral("account: M or F."), QStringLiteral("M|F"));
    const QCommandLineOption emailOpt(
        QStringLiteral("email"), QStringLiteral("account: e-mail address."), QStringLiteral("EMAIL"));
    const QCommandLineOption phoneOpt(
        QStringLiteral("phone"), QStringLiteral("account: mobile phone, +7 and 10 digits."), QStringLiteral("PHONE"));
    const QCommandLineOption snilsOpt(
        QStringLiteral("snils"), QStringLiteral("account: SNILS."), QStringLiteral("SNILS"));
    const QCommandLineOption passwordOpt(QStringLiteral("password"),
        QStringLiteral("account: password (8 to 128 characters with letters and digits)."), QStringLiteral("PASSWORD"));
    const QCommandLineOption levelOpt(QStringLiteral("level"),
        QStringLiteral("account add: simplified (default), standard or confirmed."), QStringLiteral("LEVEL"));
    const QCommandLineOption parentOpt(
        QStringLiteral("parent"), QStringLiteral("account child: the parent's login."), QStringLiteral("LOGIN"));
    const QCommandLineOption orgNameOpt(QStringLiteral("org-name"),
        QStringLiteral("account org: the organisation's full name."), QStringLiteral("NAME"));
    const QCommandLineOption ogrnOpt(
        QStringLiteral("ogrn"), QStringLiteral("account org: OGRN."), QStringLiteral("OGRN"));
    const QCommandLineOption innOpt(QStringLiteral("inn"), QStringLiteral("account org: INN."), QStringLiteral("INN"));
    const QCommandLineOption chiefOpt(QStringLiteral("chief"), QStringLiteral("account org: the person heads it."));
    parser.addOptions({dataOpt, listenOpt, publicUrlOpt, smtpOpt, redirectOpt, publicKeyOpt, surnameOpt, nameOpt,
        patronymicOpt, birthDateOpt, genderOpt, emailOpt, phoneOpt, snilsOpt, passwordOpt, levelOpt, parentOpt,
        orgNameOpt, ogrnOpt, innOpt, chiefOpt});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto fail = [&err](const QString &message, int code = 1) {
        err << "schoolgate-esia-stand: " << message << "\n";
        return code;
    };
    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, QStringLiteral("serve"));
    const QString sub = args.value(1);

    if (!parser.isSet(dataOpt) || parser.value(dataOpt).isEmpty())
        return fail(QStringLiteral("--data DIR is required"), 2);
    sg::esiastand::StandOptions options;
    options.dataDir = parser.value(dataOpt);
    if (!sg::server::commandline::parseListen(parser.value(listenOpt), &options.address, &options.port))
        return fail(QStringLiteral("--listen takes ADDRESS:PORT, for example 127.0.0.1:8490 or 127.0.0.1:0"), 2);
    if (parser.isSet(publicUrlOpt)) {
        options.publicUrl = QUrl(parser.value(publicUrlOpt), QUrl::StrictMode);
        const QString scheme = options.publicUrl.scheme();
        if (!options.publicUrl.isValid() || options.publicUrl.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return fail(QStringLiteral("--public-url takes an absolute http(s) URL"), 2);
    }
    const QString smtpUrl = parser.value(smtpOpt);
    if (!smtpUrl.isEmpty()) {
        if (auto settings = sg::server::SmtpSettings::fromUrl(smtpUrl); !settings)
            return fail(QStringLiteral("--smtp: ") + settings.error().message, 2);
    }
    // Only serve sends mail; the commands get the quiet mail-drop transport.
    const QString mailDrop = QDir(options.dataDir).filePath(QStringLiteral("mail-drop"));
    const std::unique_ptr<sg::server::Mailer> mailer = command == QLatin1String("serve")
        ? sg::server::makeMailer(smtpUrl, mailDrop)
        : std::make_unique<sg::server::MailDropMailer>(mailDrop);

    sg::SystemClock clock;
    sg::esiastand::EsiaStand stand(options, clock, *mailer);
    const bool known = command == QLatin1String("serve") || command == QLatin1String("jwks")
        || (command == QLatin1String("client") && sub == QLatin1String("add"))
        || (command == QLatin1String("account")
            && QStringList{QStringLiteral("add"), QStringLiteral("level"), QStringLiteral("confirm"),
                QStringLiteral("child"), QStringLiteral("org"), QStringLiteral("list")}
                   .contains(sub));
    if (!known)
        return fail(
            QStringLiteral("unknown command \"%1\".\n").arg(args.join(QLatin1Char(' '))) + QString::fromLatin1(kUsage),
            2);
    if (auto st = stand.open(); !st)
        return fail(st.error().message);

    const auto spec = [&] {
        sg::esiastand::AccountSpec s;
        s.lastName = parser.value(surnameOpt);
        s.firstName = parser.value(nameOpt);
        s.middleName = parser.value(patronymicOpt);
        s.birthDate = sg::server::commandline::parseDate(parser.value(birthDateOpt));
        s.gender = parser.value(genderOpt);
        s.email = parser.value(emailOpt);
        s.phone = parser.value(phoneOpt);
        s.snils = parser.value(snilsOpt);
        s.password = parser.value(passwordOpt);
        return s;
    };
    const auto requireOptions = [&](const QList<const QCommandLineOption *> &required) -> QString {
        for (const QCommandLineOption *o : required) {
            if (!parser.isSet(*o) || parser.value(*o).isEmpty())
                return QStringLiteral("--%1 is required").arg(o->names().constFirst());
        }
        if (parser.isSet(birthDateOpt) && !sg::server::commandline::parseDate(parser.value(birthDateOpt)).isValid())
            return QStringLiteral("--birth-date takes a date such as 2010-05-17 or 17.05.2010");
        return {};
    };

    if (command == QLatin1String("jwks")) {
        out << QJsonDocument(stand.jwks()).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (command == QLatin1String("client")) {
        const QString clientId = args.value(2);
        if (clientId.isEmpty())
            return fail(QStringLiteral("client add needs a CLIENT_ID"), 2);
        if (const QString missing = requireOptions({&redirectOpt, &publicKeyOpt}); !missing.isEmpty())
            return fail(missing, 2);
        auto key = QByteArray::fromBase64Encoding(
            parser.value(publicKeyOpt).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!key)
            return fail(QStringLiteral("--public-key is not base64"), 2);
        if (auto st = stand.registerClient(clientId, parser.values(redirectOpt), key.decoded); !st)
            return fail(st.error().message);
        out << "client " << clientId << " registered with " << parser.values(redirectOpt).size()
            << " redirect URI(s)\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("add")) {
        if (const QString missing = requireOptions({&surnameOpt, &nameOpt, &passwordOpt}); !missing.isEmpty())
            return fail(missing, 2);
        sg::esiastand::AccountSpec s = spec();
        if (parser.isSet(levelOpt)) {
            const auto level = sg::esiastand::levelFromName(parser.value(levelOpt));
            if (!level)
                return fail(QStringLiteral("--level takes simplified, standard or confirmed"), 2);
            s.level = *level;
        }
        auto oid = stand.addAccount(s);
        if (!oid)
            return fail(oid.error().message);
        out << oid.value() << "\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("level")) {
        const auto level = sg::esiastand::levelFromName(args.value(3));
        if (args.value(2).isEmpty() || !level)
            return fail(QStringLiteral("usage: account level LOGIN simplified|standard|confirmed"), 2);
        if (auto st = stand.setLevel(args.value(2), *level); !st)
            return fail(st.error().message);
        out << "account " << args.value(2) << ": level " << args.value(3) << "\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("confirm")) {
        if (args.value(2).isEmpty())
            return fail(QStringLiteral("usage: account confirm LOGIN"), 2);
        if (auto st = stand.confirm(args.value(2)); !st)
            return fail(st.error().message);
        out << "account " << args.value(2) << ": confirmed\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("child")) {
        if (const QString missing =
                requireOptions({&parentOpt, &surnameOpt, &nameOpt, &birthDateOpt, &snilsOpt, &passwordOpt});
            !missing.isEmpty())
            return fail(missing, 2);
        auto oid = stand.addChild(parser.value(parentOpt), spec());
        if (!oid)
            return fail(oid.error().message);
        out << oid.value() << "\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("org")) {
        if (args.value(2).isEmpty())
            return fail(QStringLiteral("account org needs the LOGIN of the person"), 2);
        if (const QString missing = requireOptions({&orgNameOpt, &ogrnOpt, &innOpt}); !missing.isEmpty())
            return fail(missing, 2);
        auto id = stand.addOrganisation(args.value(2),
            {parser.value(orgNameOpt), parser.value(ogrnOpt), parser.value(innOpt), parser.isSet(chiefOpt)});
        if (!id)
            return fail(id.error().message);
        out << "organisation " << id.value() << " added\n";
        return 0;
    }
    if (command == QLatin1String("account") && sub == QLatin1String("list")) {
        auto accounts = stand.accounts();
        if (!accounts)
            return fail(accounts.error().message);
        out << "oid\tlevel\tname\temail\tphone\tsnils\tparent\tconfirmation asked\n";
        for (const auto &a : accounts.value()) {
            out << a.oid << '\t' << (a.child ? QStringLiteral("child") : sg::esiastand::levelName(a.level)) << '\t'
                << QStringList{a.lastName, a.firstName, a.middleName}.join(QLatin1Char(' ')).simplified() << '\t'
                << a.email << '\t' << a.phone << '\t' << a.snils << '\t' << a.parentOid << '\t'
                << (a.confirmationRequestedAt.isValid() ? a.confirmationRequestedAt.toString(Qt::ISODate) : QString())
                << '\n';
        }
        return 0;
    }

    if (auto st = stand.start(); !st)
        return fail(st.error().message);
    out << "data: " << QDir(options.dataDir).absolutePath() << "\n";
    out << "mail: "
        << (smtpUrl.isEmpty() ? QDir(options.dataDir).absoluteFilePath(QStringLiteral("mail-drop"))
                              : QStringLiteral("SMTP relay"))
        << "\n";
    if (!options.publicUrl.isEmpty())
        out << "public URL: " << stand.baseUrl().toString() << "\n";
    out << "listening on http://"
        << (options.address.protocol() == QAbstractSocket::IPv6Protocol
                   ? QStringLiteral("[%1]").arg(options.address.toString())
                   : options.address.toString())
        << ':' << stand.port() << "\n";
    out.flush();
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
    return app.exec();
}
