#include "server/admincommands.h"

#include "core/csvreader.h"
#include "core/errorcodes.h"
#include "core/protocol.h"
#include "core/validators.h"
#include "server/accountstore.h"
#include "server/auditlog.h"
#include "server/crypto.h"
#include "server/database.h"
#include "server/notifier.h"
#include "server/server.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>

namespace sg::server {

namespace {

Error invalid(const QString &message)
{
    return Error{QString::fromLatin1(errc::ValidationFailed), message, 422};
}

// Column positions by (lower-cased) header name; missing required columns are an error.
Result<QHash<QString, int>> columns(const CsvTable &table, const QStringList &required, const QStringList &optional)
{
    QHash<QString, int> out;
    for (int i = 0; i < int(table.header.size()); ++i)
        out.insert(table.header.at(i).trimmed().toLower(), i);
    for (const QString &name : required) {
        if (!out.contains(name))
            return invalid(QCoreApplication::translate(
                "sg::server::AdminCommands", "The header has no column \"%1\". Expected columns: %2.")
                               .arg(name, (required + optional).join(QStringLiteral("; "))));
    }
    return out;
}

QString field(const QStringList &row, const QHash<QString, int> &cols, const QString &name)
{
    const int i = cols.value(name, -1);
    return i >= 0 && i < row.size() ? row.at(i).trimmed() : QString();
}

} // namespace

AdminCommands::AdminCommands(Server &server)
    : m_server(server)
{}

Result<CreatedAccount> AdminCommands::createAccountWithMailedPassword(
    const QString &login, const QString &email, Role role, std::optional<qint64> schoolId, const QString &displayName)
{
    NewAccount a;
    a.login = login;
    a.password = crypto::randomPassword(16);
    a.role = role;
    a.schoolId = schoolId;
    a.displayName = displayName;
    a.mustChangePassword = true;
    auto id = m_server.accounts().createAccount(a);
    if (!id)
        return id.error();
    const QString body =
        QStringLiteral("Здравствуйте!\n\nДля вас создан доступ в личный кабинет SchoolGate.\n\n"
                       "Логин: %1\nВременный пароль: %2\n\n"
                       "При первом входе задайте новый пароль (не короче 12 символов).\n"
                       "Если вы не ожидали это письмо, сообщите в поддержку: 8 800 550-63-73, ccod@innopolis.ru.\n")
            .arg(a.login, a.password);
    if (auto st = m_server.notifier().queueMail(email, QStringLiteral("Доступ в личный кабинет SchoolGate"), body); !st)
        return st.error();
    AuditEntry e;
    e.actor = QStringLiteral("system");
    e.action = QStringLiteral("account.created");
    e.entity = QStringLiteral("user");
    e.entityId = QString::number(id.value());
    e.schoolId = schoolId;
    e.after = QJsonObject{{QStringLiteral("login"), a.login}, {QStringLiteral("role"), toString(role)}};
    m_server.audit().append(e);
    return CreatedAccount{id.value(), schoolId.value_or(0), a.login, email};
}

Result<CreatedAccount> AdminCommands::createSchool(const SchoolDraft &draft)
{
    const auto inn = validators::validateInn(draft.inn, validators::InnKind::Organisation);
    if (!inn.ok)
        return invalid(QStringLiteral("inn: ") + inn.message);
    QString kpp;
    if (!draft.kpp.trimmed().isEmpty()) {
        const auto v = validators::validateKpp(draft.kpp);
        if (!v.ok)
            return invalid(QStringLiteral("kpp: ") + v.message);
        kpp = v.normalized;
    }
    QString ogrn;
    if (!draft.ogrn.trimmed().isEmpty()) {
        const auto v = validators::validateOgrn(draft.ogrn);
        if (!v.ok)
            return invalid(QStringLiteral("ogrn: ") + v.message);
        ogrn = v.normalized;
    }
    if (draft.name.trimmed().isEmpty())
        return invalid(tr("name: the full name of the organisation is required."));
    if (!validators::isEmailAddress(draft.email.trimmed()))
        return invalid(tr("email: \"%1\" is not an e-mail address.").arg(draft.email));

    Database &db = m_server.database();
    Transaction tx(db);
    QSqlQuery q = db.prepare(QStringLiteral("INSERT INTO schools (inn, kpp, ogrn, name, short_name, region, address, "
                                            "email) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(inn.normalized);
    q.addBindValue(text(kpp));
    q.addBindValue(text(ogrn));
    q.addBindValue(draft.name.simplified());
    q.addBindValue(text(draft.shortName.simplified()));
    q.addBindValue(text(draft.region.simplified()));
    q.addBindValue(text(draft.address.simplified()));
    q.addBindValue(draft.email.trimmed());
    if (!q.exec()) {
        if (db.isUniqueViolation(q.lastError()))
            return Error{QString::fromLatin1(errc::Conflict),
                tr("A school with the INN %1 already exists.").arg(inn.normalized), 409};
        return Error{QString::fromLatin1(errc::Internal), q.lastError().text(), 500};
    }
    const qint64 schoolId = Database::returnedId(q);
    const QString login =
        draft.login.trimmed().isEmpty() ? QStringLiteral("school-") + inn.normalized : draft.login.trimmed();
    auto account = createAccountWithMailedPassword(login, draft.email.trimmed(), Role::School, schoolId,
        draft.shortName.isEmpty() ? draft.name.simplified() : draft.shortName.simplified());
    if (!account)
        return account.error();
    if (!tx.commit())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("commit failed"), 500};
    return account;
}

Result<CreatedAccount> AdminCommands::createOperator(
    const QString &login, const QString &email, const QString &displayName)
{
    if (!validators::isEmailAddress(email.trimmed()))
        return invalid(tr("email: \"%1\" is not an e-mail address.").arg(email));
    Transaction tx(m_server.database());
    auto account =
        createAccountWithMailedPassword(login.trimmed(), email.trimmed(), Role::Operator, std::nullopt, displayName);
    if (!account)
        return account.error();
    if (!tx.commit())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("commit failed"), 500};
    return account;
}

Result<ImportReport> AdminCommands::importSchools(const QByteArray &csv)
{
    auto table = CsvReader::parse(csv);
    if (!table)
        return table.error();
    const QStringList required{QStringLiteral("inn"), QStringLiteral("name"), QStringLiteral("email")};
    const QStringList optional{QStringLiteral("kpp"), QStringLiteral("ogrn"), QStringLiteral("short_name"),
        QStringLiteral("region"), QStringLiteral("address")};
    auto cols = columns(table.value(), required, optional);
    if (!cols)
        return cols.error();
    ImportReport report;
    report.encoding = table->encoding;
    for (qsizetype i = 0; i < table->rows.size(); ++i) {
        const QStringList &row = table->rows.at(i);
        ImportLine line{table->rowLines.at(i), false, {}};
        if (row.size() != table->expectedColumns()) {
            line.message = tr("%1 fields instead of %2").arg(row.size()).arg(table->expectedColumns());
        } else {
            SchoolDraft d;
            d.inn = field(row, cols.value(), QStringLiteral("inn"));
            d.kpp = field(row, cols.value(), QStringLiteral("kpp"));
            d.ogrn = field(row, cols.value(), QStringLiteral("ogrn"));
            d.name = field(row, cols.value(), QStringLiteral("name"));
            d.shortName = field(row, cols.value(), QStringLiteral("short_name"));
            d.region = field(row, cols.value(), QStringLiteral("region"));
            d.address = field(row, cols.value(), QStringLiteral("address"));
            d.email = field(row, cols.value(), QStringLiteral("email"));
            auto created = createSchool(d);
            line.ok = created.ok();
            line.message =
                created ? tr("school %1 created, account %2").arg(d.inn, created->login) : created.error().message;
        }
        (line.ok ? report.imported : report.failed)++;
        report.lines.append(line);
    }
    return report;
}

Result<ImportReport> AdminCommands::importPeople(const QString &schoolInn, const QByteArray &csv)
{
    Database &db = m_server.database();
    QSqlQuery s = db.prepare(QStringLiteral("SELECT id FROM schools WHERE inn = ?"));
    s.addBindValue(schoolInn.trimmed());
    if (!s.exec() || !s.next())
        return Error{
            QString::fromLatin1(errc::NotFound), tr("There is no school with the INN %1.").arg(schoolInn), 404};
    const qint64 schoolId = s.value(0).toLongLong();
    s.finish();

    auto table = CsvReader::parse(csv);
    if (!table)
        return table.error();
    const QStringList required{QStringLiteral("role"), QStringLiteral("surname"), QStringLiteral("name")};
    const QStringList optional{
        QStringLiteral("patronymic"), QStringLiteral("email"), QStringLiteral("subject"), QStringLiteral("class")};
    auto cols = columns(table.value(), required, optional);
    if (!cols)
        return cols.error();

    static const QRegularExpression classRe(QStringLiteral(R"(^(1[01]|[1-9])\s*-?\s*([А-ЯЁа-яёA-Za-z])$)"));
    ImportReport report;
    report.encoding = table->encoding;
    Transaction tx(db);
    QSqlQuery findClass =
        db.prepare(QStringLiteral("SELECT id FROM classes WHERE school_id = ? AND grade = ? AND letter = ?"));
    QSqlQuery addClass =
        db.prepare(QStringLiteral("INSERT INTO classes (school_id, grade, letter) VALUES (?, ?, ?) RETURNING id"));
    QSqlQuery add = db.prepare(QStringLiteral(
        "INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, class_id, registered_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString now = proto::formatTimestamp(m_server.clock().now());
    for (qsizetype i = 0; i < table->rows.size(); ++i) {
        const QStringList &row = table->rows.at(i);
        ImportLine line{table->rowLines.at(i), false, {}};
        const QString role = field(row, cols.value(), QStringLiteral("role")).toLower();
        const QString surname = field(row, cols.value(), QStringLiteral("surname"));
        const QString name = field(row, cols.value(), QStringLiteral("name"));
        const QString email = field(row, cols.value(), QStringLiteral("email"));
        const QString className = field(row, cols.value(), QStringLiteral("class"));
        QVariant classId(QMetaType::fromType<qint64>());
        if (row.size() != table->expectedColumns())
            line.message = tr("%1 fields instead of %2").arg(row.size()).arg(table->expectedColumns());
        else if (role != QLatin1String("teacher") && role != QLatin1String("student"))
            line.message = tr("role: \"%1\" is neither teacher nor student").arg(role);
        else if (surname.isEmpty() || name.isEmpty())
            line.message = tr("surname and name are required");
        else if (!email.isEmpty() && !validators::isEmailAddress(email))
            line.message = tr("email: \"%1\" is not an e-mail address").arg(email);
        else if (role == QLatin1String("student") && !classRe.match(className).hasMatch())
            line.message = tr("class: \"%1\" is not a class such as 5А").arg(className);
        if (line.message.isEmpty() && !className.isEmpty()) {
            const auto m = classRe.match(className);
            if (m.hasMatch()) {
                const int grade = m.captured(1).toInt();
                const QString letter = m.captured(2).toUpper();
                findClass.addBindValue(schoolId);
                findClass.addBindValue(grade);
                findClass.addBindValue(letter);
                if (findClass.exec() && findClass.next()) {
                    classId = findClass.value(0);
                } else {
                    addClass.addBindValue(schoolId);
                    addClass.addBindValue(grade);
                    addClass.addBindValue(letter);
                    if (addClass.exec())
                        classId = Database::returnedId(addClass);
                }
                findClass.finish();
            }
        }
        if (line.message.isEmpty()) {
            add.addBindValue(schoolId);
            add.addBindValue(role);
            add.addBindValue(surname);
            add.addBindValue(name);
            add.addBindValue(text(field(row, cols.value(), QStringLiteral("patronymic"))));
            add.addBindValue(text(email));
            add.addBindValue(text(field(row, cols.value(), QStringLiteral("subject"))));
            add.addBindValue(classId);
            add.addBindValue(now);
            line.ok = add.exec();
            line.message = line.ok ? tr("%1 %2 added").arg(surname, name) : add.lastError().text();
        }
        (line.ok ? report.imported : report.failed)++;
        report.lines.append(line);
    }
    if (!tx.commit())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("commit failed"), 500};
    return report;
}

Status AdminCommands::backup(const QString &path)
{
    if (m_server.database().isPostgres())
        return invalid(tr("The server keeps its data in PostgreSQL: back it up with pg_dump (or the cluster's own "
                          "backups). This command copies the SQLite database."));
    if (QFileInfo::exists(path))
        return invalid(tr("%1 already exists: choose a new file name.").arg(path));
    QSqlQuery q = m_server.database().prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(path);
    if (!q.exec())
        return Error{QString::fromLatin1(errc::Internal), q.lastError().text(), 500};
    return Unit{};
}

} // namespace sg::server
