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

#include <algorithm>

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

// A row of empty cells (";;;;": what a spreadsheet writes for a blank row between others) is no one.
bool isBlankRow(const QStringList &row)
{
    return std::all_of(row.cbegin(), row.cend(), [](const QString &cell) { return cell.trimmed().isEmpty(); });
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
        if (isBlankRow(row))
            continue;
        ImportLine line{table->rowLines.at(i), false, {}, table->rowRecords.at(i)};
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

namespace {

// How a name is compared when an import looks for a person already in the school: letter case, ё/е and runs of
// spaces do not tell two people apart.
QString nameKey(const QString &surname, const QString &name, const QString &patronymic)
{
    QString key = (surname + u' ' + name + u' ' + patronymic).simplified().toLower();
    key.replace(u'ё', u'е');
    return key;
}

struct SchoolPerson
{
    qint64 id = 0;
    QString role;
    QString surname, name, patronymic, email, subject;
    QVariant classId; // null when none
    QString className; // "5А"
    QString key; // nameKey()
};

} // namespace

Result<ImportReport> AdminCommands::importPeople(const QString &schoolInn, const QByteArray &csv, bool dryRun)
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
    const auto col = [&](const QStringList &row, const char *name) {
        return field(row, cols.value(), QString::fromLatin1(name));
    };

    Transaction tx(db);
    // The people the school has: a row that is one of them updates that person (the rule is in docs/install.md,
    // "Importing people"), so importing the same or a corrected file again never adds anyone twice.
    QList<SchoolPerson> people;
    {
        QSqlQuery q = db.prepare(QStringLiteral(
            "SELECT m.id, m.role, m.surname, m.name, m.patronymic, m.email, m.subject, m.class_id, c.grade, c.letter "
            "FROM members m LEFT JOIN classes c ON c.id = m.class_id WHERE m.school_id = ? ORDER BY m.id"));
        q.addBindValue(schoolId);
        if (!q.exec())
            return Error{QString::fromLatin1(errc::Internal), q.lastError().text(), 500};
        while (q.next()) {
            SchoolPerson p;
            p.id = q.value(0).toLongLong();
            p.role = q.value(1).toString();
            p.surname = q.value(2).toString();
            p.name = q.value(3).toString();
            p.patronymic = q.value(4).toString();
            p.email = q.value(5).toString();
            p.subject = q.value(6).toString();
            p.classId =
                q.value(7).isNull() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(q.value(7).toLongLong());
            if (!q.value(8).isNull())
                p.className = QString::number(q.value(8).toInt()) + q.value(9).toString();
            p.key = nameKey(p.surname, p.name, p.patronymic);
            people.append(p);
        }
    }

    static const QRegularExpression classRe(QStringLiteral(R"(^(1[01]|[1-9])\s*-?\s*([А-ЯЁа-яёA-Za-z])$)"));
    QSqlQuery findClass =
        db.prepare(QStringLiteral("SELECT id FROM classes WHERE school_id = ? AND grade = ? AND letter = ?"));
    QSqlQuery addClass =
        db.prepare(QStringLiteral("INSERT INTO classes (school_id, grade, letter) VALUES (?, ?, ?) RETURNING id"));
    QSqlQuery add = db.prepare(QStringLiteral(
        "INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, class_id, registered_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    QSqlQuery update = db.prepare(QStringLiteral("UPDATE members SET surname = ?, name = ?, patronymic = ?, email = ?, "
                                                 "subject = ?, class_id = ? WHERE id = ?"));
    const QString now = proto::formatTimestamp(m_server.clock().now());
    const auto failed = [](const QSqlQuery &q) {
        return Error{QString::fromLatin1(errc::Internal), q.lastError().text(), 500};
    };
    // A teacher's class in the file is the class the teacher leads: the students a teacher decides on once approved.
    QSqlQuery leadOthers =
        db.prepare(QStringLiteral("DELETE FROM teacher_classes WHERE teacher_id = ? AND class_id <> ?"));
    QSqlQuery lead = db.prepare(
        QStringLiteral("INSERT INTO teacher_classes (teacher_id, class_id) SELECT CAST(? AS BIGINT), CAST(? AS BIGINT) "
                       "WHERE NOT EXISTS (SELECT 1 FROM teacher_classes WHERE teacher_id = ? AND class_id = ?)"));
    const auto setLeadClass = [&](qint64 teacherId, const QVariant &classId) {
        leadOthers.addBindValue(teacherId);
        leadOthers.addBindValue(classId);
        lead.addBindValue(teacherId);
        lead.addBindValue(classId);
        lead.addBindValue(teacherId);
        lead.addBindValue(classId);
        return leadOthers.exec() && lead.exec();
    };

    ImportReport report;
    report.encoding = table->encoding;
    report.dryRun = dryRun;
    QHash<qint64, int> rowOfPerson; // a person of the school -> the row of the file that named them
    for (qsizetype i = 0; i < table->rows.size(); ++i) {
        const QStringList &row = table->rows.at(i);
        if (isBlankRow(row))
            continue;
        ImportLine line{table->rowLines.at(i), false, {}, table->rowRecords.at(i)};
        const QString role = col(row, "role").toLower();
        const QString surname = col(row, "surname").simplified();
        const QString name = col(row, "name").simplified();
        const QString patronymic = col(row, "patronymic").simplified();
        const QString email = col(row, "email");
        const QString subject = col(row, "subject").simplified();
        const QString className = col(row, "class");
        const auto classMatch = classRe.match(className);
        if (row.size() != table->expectedColumns())
            line.message = tr("%1 fields instead of %2").arg(row.size()).arg(table->expectedColumns());
        else if (role != QLatin1String("teacher") && role != QLatin1String("student"))
            line.message = tr("role: \"%1\" is neither teacher nor student").arg(role);
        else if (surname.isEmpty() || name.isEmpty())
            line.message = tr("surname and name are required");
        else if (surname.size() > 100 || name.size() > 100 || patronymic.size() > 100 || subject.size() > 200)
            line.message = tr("a name or subject is longer than a name can be");
        else if (!email.isEmpty() && !validators::isEmailAddress(email))
            line.message = tr("email: \"%1\" is not an e-mail address").arg(email);
        else if (role == QLatin1String("student") && !classMatch.hasMatch())
            line.message = tr("class: \"%1\" is not a class such as 5А").arg(className);
        else if (!className.isEmpty() && !classMatch.hasMatch())
            line.message = tr("class: \"%1\" is not a class such as 5А (or leave it empty)").arg(className);

        // Who this row is: the person of the school with this role and e-mail; otherwise one with this role and
        // full name (and no other e-mail), namesakes told apart by the class.
        const QString key = nameKey(surname, name, patronymic);
        const QString wantedClass =
            classMatch.hasMatch() ? classMatch.captured(1) + classMatch.captured(2).toUpper() : QString();
        const SchoolPerson *match = nullptr;
        if (line.message.isEmpty()) {
            QList<const SchoolPerson *> byEmail, byName;
            for (const SchoolPerson &p : std::as_const(people)) {
                if (p.id < 0 || p.role != role)
                    continue; // id < 0: added by an earlier row of this file (checked below)
                if (!email.isEmpty() && p.email.compare(email, Qt::CaseInsensitive) == 0)
                    byEmail.append(&p);
                else if (p.key == key && (email.isEmpty() || p.email.isEmpty()))
                    byName.append(&p);
            }
            if (byName.size() > 1) {
                QList<const SchoolPerson *> sameClass;
                for (const SchoolPerson *p : std::as_const(byName)) {
                    if (p->className.compare(wantedClass, Qt::CaseInsensitive) == 0)
                        sameClass.append(p);
                }
                byName = sameClass;
            }
            const QList<const SchoolPerson *> &found = byEmail.isEmpty() ? byName : byEmail;
            if (found.size() > 1)
                line.message = tr("matches %1 people already in the school (%2 %3): give each an e-mail in the file to "
                                  "tell them apart")
                                   .arg(found.size())
                                   .arg(surname, name);
            else if (found.size() == 1)
                match = found.first();
        }
        if (line.message.isEmpty() && match) {
            if (const auto seen = rowOfPerson.constFind(match->id); seen != rowOfPerson.cend())
                line.message = tr("the same person as row %1").arg(seen.value());
            else
                rowOfPerson.insert(match->id, line.record);
        }
        if (line.message.isEmpty() && !match) {
            // A new person named twice in the file.
            for (const SchoolPerson &p : std::as_const(people)) {
                if (p.id < 0 && p.role == role
                    && ((!email.isEmpty() && p.email.compare(email, Qt::CaseInsensitive) == 0)
                        || (p.key == key && p.className.compare(wantedClass, Qt::CaseInsensitive) == 0))) {
                    line.message = tr("the same person as row %1").arg(-p.id);
                    break;
                }
            }
        }

        QVariant classId(QMetaType::fromType<qint64>());
        if (line.message.isEmpty() && classMatch.hasMatch()) {
            const int grade = classMatch.captured(1).toInt();
            const QString letter = classMatch.captured(2).toUpper();
            findClass.addBindValue(schoolId);
            findClass.addBindValue(grade);
            findClass.addBindValue(letter);
            if (!findClass.exec())
                return failed(findClass);
            if (findClass.next()) {
                classId = findClass.value(0);
            } else {
                addClass.addBindValue(schoolId);
                addClass.addBindValue(grade);
                addClass.addBindValue(letter);
                if (!addClass.exec())
                    return failed(addClass);
                classId = Database::returnedId(addClass);
                addClass.finish();
            }
            findClass.finish();
        }
        if (!line.message.isEmpty()) {
            ++report.failed;
            report.lines.append(line);
            continue;
        }
        line.ok = true;
        if (!match) {
            add.addBindValue(schoolId);
            add.addBindValue(role);
            add.addBindValue(surname);
            add.addBindValue(name);
            add.addBindValue(text(patronymic));
            add.addBindValue(text(email));
            add.addBindValue(text(subject));
            add.addBindValue(classId);
            add.addBindValue(now);
            if (!add.exec())
                return failed(add);
            const qint64 addedId = Database::returnedId(add);
            add.finish();
            if (role == QLatin1String("teacher") && classMatch.hasMatch() && !setLeadClass(addedId, classId))
                return failed(lead);
            SchoolPerson added;
            added.id = -qint64(line.record); // new in this file: known by its row until the end
            added.role = role;
            added.email = email;
            added.key = key;
            added.className = wantedClass;
            people.append(added);
            ++report.added;
            line.message = tr("%1 %2 added").arg(surname, name);
        } else {
            // The file's values replace those kept; an empty cell keeps what the school has.
            const QString newPatronymic = patronymic.isEmpty() ? match->patronymic : patronymic;
            const QString newEmail = email.isEmpty() ? match->email : email;
            const QString newSubject = subject.isEmpty() ? match->subject : subject;
            const QVariant newClass = classMatch.hasMatch() ? classId : match->classId;
            QStringList changed;
            if (surname != match->surname || name != match->name || newPatronymic != match->patronymic)
                changed.append(tr("name"));
            if (newEmail != match->email)
                changed.append(tr("e-mail"));
            if (newSubject != match->subject)
                changed.append(tr("subject"));
            if (newClass.toLongLong() != match->classId.toLongLong() || newClass.isNull() != match->classId.isNull())
                changed.append(tr("class"));
            if (changed.isEmpty()) {
                ++report.unchanged;
                line.message = tr("%1 %2 unchanged").arg(surname, name);
            } else {
                update.addBindValue(surname);
                update.addBindValue(name);
                update.addBindValue(text(newPatronymic));
                update.addBindValue(text(newEmail));
                update.addBindValue(text(newSubject));
                update.addBindValue(newClass);
                update.addBindValue(match->id);
                if (!update.exec())
                    return failed(update);
                ++report.updated;
                line.message = tr("%1 %2 updated: %3").arg(surname, name, changed.join(QStringLiteral(", ")));
            }
            if (role == QLatin1String("teacher") && classMatch.hasMatch() && !setLeadClass(match->id, classId))
                return failed(lead);
        }
        report.lines.append(line);
    }
    report.imported = report.added + report.updated + report.unchanged;
    // All or nothing: a single bad row keeps the whole file out, so that correcting it and importing it again is
    // always safe. A dry run stores nothing either.
    if (report.failed > 0 || dryRun) {
        tx.rollback();
        report.stored = false;
        return report;
    }
    AuditEntry e;
    e.actor = QStringLiteral("system");
    e.action = QStringLiteral("people.imported");
    e.entity = QStringLiteral("school");
    e.entityId = QString::number(schoolId);
    e.schoolId = schoolId;
    e.after = QJsonObject{{QStringLiteral("added"), report.added}, {QStringLiteral("updated"), report.updated},
        {QStringLiteral("unchanged"), report.unchanged}};
    m_server.audit().append(e);
    if (!tx.commit())
        return Error{QString::fromLatin1(errc::Internal), QStringLiteral("commit failed"), 500};
    report.stored = true;
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
