#include "server/demoseeder.h"

#include "core/errorcodes.h"
#include "core/protocol.h"
#include "server/accountstore.h"
#include "server/consent.h"
#include "server/crypto.h"
#include "server/database.h"

#include <QHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

Q_LOGGING_CATEGORY(lcDemo, "sg.server.demo")

namespace sg::server {

namespace {

const QString kInn = QStringLiteral("6950123467");
const QString kLyceumInn = QStringLiteral("6950123474");

struct Surname
{
    const char16_t *male;
    const char16_t *female;
};

// Includes ё spellings (sorting treats ё like е) and hyphenated double surnames.
constexpr Surname kSurnames[] = {
    {u"Иванов", u"Иванова"},
    {u"Смирнов", u"Смирнова"},
    {u"Кузнецов", u"Кузнецова"},
    {u"Попов", u"Попова"},
    {u"Васильев", u"Васильева"},
    {u"Петров", u"Петрова"},
    {u"Соколов", u"Соколова"},
    {u"Михайлов", u"Михайлова"},
    {u"Новиков", u"Новикова"},
    {u"Фёдоров", u"Фёдорова"},
    {u"Морозов", u"Морозова"},
    {u"Волков", u"Волкова"},
    {u"Алексеев", u"Алексеева"},
    {u"Лебедев", u"Лебедева"},
    {u"Семёнов", u"Семёнова"},
    {u"Егоров", u"Егорова"},
    {u"Павлов", u"Павлова"},
    {u"Козлов", u"Козлова"},
    {u"Степанов", u"Степанова"},
    {u"Николаев", u"Николаева"},
    {u"Орлов", u"Орлова"},
    {u"Андреев", u"Андреева"},
    {u"Макаров", u"Макарова"},
    {u"Никитин", u"Никитина"},
    {u"Захаров", u"Захарова"},
    {u"Зайцев", u"Зайцева"},
    {u"Соловьёв", u"Соловьёва"},
    {u"Борисов", u"Борисова"},
    {u"Яковлев", u"Яковлева"},
    {u"Григорьев", u"Григорьева"},
    {u"Романов", u"Романова"},
    {u"Воробьёв", u"Воробьёва"},
    {u"Сергеев", u"Сергеева"},
    {u"Королёв", u"Королёва"},
    {u"Ковалёв", u"Ковалёва"},
    {u"Ершов", u"Ершова"},
    {u"Ёлкин", u"Ёлкина"},
    {u"Еремеев", u"Еремеева"},
    {u"Жуков", u"Жукова"},
    {u"Артёмов", u"Артёмова"},
    {u"Пугачёв", u"Пугачёва"},
    {u"Щербаков", u"Щербакова"},
    {u"Белоусов", u"Белоусова"},
    {u"Чернышёв", u"Чернышёва"},
    {u"Тихонов", u"Тихонова"},
    {u"Петров-Водкин", u"Петрова-Водкина"},
    {u"Соколов-Микитов", u"Соколова-Микитова"},
    {u"Римский-Корсаков", u"Римская-Корсакова"},
    {u"Мамин-Сибиряк", u"Мамина-Сибиряк"},
    {u"Бонч-Бруевич", u"Бонч-Бруевич"},
    {u"Ахмедов", u"Ахмедова"},
    {u"Гарипов", u"Гарипова"},
    {u"Эльдаров", u"Эльдарова"},
    {u"Юсупов", u"Юсупова"},
    {u"Ясенев", u"Ясенева"},
};

struct MaleName
{
    const char16_t *name;
    const char16_t *patronymicMale;
    const char16_t *patronymicFemale;
};

constexpr MaleName kMaleNames[] = {
    {u"Александр", u"Александрович", u"Александровна"},
    {u"Алексей", u"Алексеевич", u"Алексеевна"},
    {u"Андрей", u"Андреевич", u"Андреевна"},
    {u"Артём", u"Артёмович", u"Артёмовна"},
    {u"Борис", u"Борисович", u"Борисовна"},
    {u"Василий", u"Васильевич", u"Васильевна"},
    {u"Владимир", u"Владимирович", u"Владимировна"},
    {u"Дмитрий", u"Дмитриевич", u"Дмитриевна"},
    {u"Евгений", u"Евгеньевич", u"Евгеньевна"},
    {u"Иван", u"Иванович", u"Ивановна"},
    {u"Игорь", u"Игоревич", u"Игоревна"},
    {u"Кирилл", u"Кириллович", u"Кирилловна"},
    {u"Максим", u"Максимович", u"Максимовна"},
    {u"Михаил", u"Михайлович", u"Михайловна"},
    {u"Никита", u"Никитич", u"Никитична"},
    {u"Николай", u"Николаевич", u"Николаевна"},
    {u"Олег", u"Олегович", u"Олеговна"},
    {u"Павел", u"Павлович", u"Павловна"},
    {u"Пётр", u"Петрович", u"Петровна"},
    {u"Сергей", u"Сергеевич", u"Сергеевна"},
    {u"Семён", u"Семёнович", u"Семёновна"},
    {u"Фёдор", u"Фёдорович", u"Фёдоровна"},
    {u"Юрий", u"Юрьевич", u"Юрьевна"},
    {u"Ярослав", u"Ярославович", u"Ярославовна"},
};

constexpr const char16_t *kFemaleNames[] = {
    u"Анна",
    u"Алёна",
    u"Александра",
    u"Алина",
    u"Анастасия",
    u"Валентина",
    u"Вера",
    u"Виктория",
    u"Дарья",
    u"Евгения",
    u"Екатерина",
    u"Елена",
    u"Ёлка",
    u"Зоя",
    u"Ирина",
    u"Ксения",
    u"Людмила",
    u"Мария",
    u"Наталья",
    u"Ольга",
    u"Полина",
    u"Светлана",
    u"Софья",
    u"Татьяна",
    u"Юлия",
    u"Фёкла",
};

constexpr const char16_t *kSubjects[] = {
    u"Русский язык и литература",
    u"Математика",
    u"Физика",
    u"Химия",
    u"Биология",
    u"История",
    u"Обществознание",
    u"География",
    u"Английский язык",
    u"Немецкий язык",
    u"Информатика",
    u"Физическая культура",
    u"Музыка",
    u"Изобразительное искусство",
    u"Технология",
    u"ОБЖ",
    u"Начальные классы",
};

QString translit(const QString &text)
{
    static const QHash<QChar, QString> map = [] {
        QHash<QChar, QString> m;
        const QString from = QStringLiteral("абвгдеёжзийклмнопрстуфхцчшщъыьэюя");
        const QStringList to =
            QStringLiteral("a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya")
                .split(QLatin1Char(' '));
        for (qsizetype i = 0; i < from.size(); ++i)
            m.insert(from.at(i), to.at(i) == QLatin1String("-") ? QString() : to.at(i));
        return m;
    }();
    QString out;
    for (const QChar c : text.toLower()) {
        if (map.contains(c))
            out += map.value(c);
        else if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c;
    }
    return out;
}

struct Person
{
    QString surname, name, patronymic;
};

Person randomPerson(QRandomGenerator &rng)
{
    const bool female = rng.bounded(2) == 0;
    const Surname &s = kSurnames[rng.bounded(int(std::size(kSurnames)))];
    const MaleName &father = kMaleNames[rng.bounded(int(std::size(kMaleNames)))];
    Person p;
    if (female) {
        p.surname = QString::fromUtf16(s.female);
        p.name = QString::fromUtf16(kFemaleNames[rng.bounded(int(std::size(kFemaleNames)))]);
        p.patronymic = QString::fromUtf16(father.patronymicFemale);
    } else {
        const MaleName &own = kMaleNames[rng.bounded(int(std::size(kMaleNames)))];
        p.surname = QString::fromUtf16(s.male);
        p.name = QString::fromUtf16(own.name);
        p.patronymic = QString::fromUtf16(father.patronymicMale);
    }
    return p;
}

} // namespace

DemoSeeder::DemoSeeder(Database &db, AccountStore &accounts, const Clock &clock)
    : m_db(db)
    , m_accounts(accounts)
    , m_clock(clock)
{}

Result<DemoSchool> DemoSeeder::seed(const QString &password)
{
    Error storage{QString::fromLatin1(errc::Internal), QStringLiteral("demo seeding failed")};
    const auto dbError = [](const QSqlQuery &q) {
        qCWarning(lcDemo) << "demo seeding failed:" << q.lastError().text();
        return Error{
            QString::fromLatin1(errc::Internal), QStringLiteral("demo seeding failed: %1").arg(q.lastError().text())};
    };
    DemoSchool out;
    out.password = password.isEmpty() ? crypto::randomPassword(16) : password;

    QSqlQuery existing = m_db.prepare(QStringLiteral("SELECT id FROM schools WHERE inn = ?"));
    existing.addBindValue(kInn);
    if (!existing.exec())
        return dbError(existing);
    if (existing.next()) {
        out.schoolId = existing.value(0).toLongLong();
        existing.finish();
        QSqlQuery lyceum = m_db.prepare(QStringLiteral("SELECT id FROM schools WHERE inn = ?"));
        lyceum.addBindValue(kLyceumInn);
        if (lyceum.exec() && lyceum.next())
            out.lyceumId = lyceum.value(0).toLongLong();
        lyceum.finish();
        for (const char *login : {kSchoolLogin, kTeacherLogin, kOperatorLogin, kLyceumLogin}) {
            QSqlQuery id = m_db.prepare(QStringLiteral("SELECT id FROM users WHERE login = ?"));
            id.addBindValue(QString::fromLatin1(login));
            if (!id.exec() || !id.next())
                return storage;
            if (auto st = m_accounts.changePassword(id.value(0).toLongLong(), out.password, QString()); !st)
                return st.error();
        }
        QSqlQuery counts =
            m_db.prepare(QStringLiteral("SELECT COUNT(*) FILTER (WHERE role = 'teacher'), COUNT(*) FILTER (WHERE role "
                                        "= 'student') FROM members WHERE school_id = ?"));
        counts.addBindValue(out.schoolId);
        if (counts.exec() && counts.next()) {
            out.teachers = counts.value(0).toInt();
            out.students = counts.value(1).toInt();
        }
        return out;
    }
    existing.finish();

    QRandomGenerator rng(20261123);
    const QDateTime now = m_clock.now();
    const auto registered = [&] { return proto::formatTimestamp(now.addSecs(-qint64(rng.bounded(60 * 24 * 3600)))); };

    Transaction tx(m_db);
    QSqlQuery school = m_db.prepare(QStringLiteral(
        "INSERT INTO schools (inn, kpp, ogrn, name, short_name, region, address, email, director_status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'confirmed') RETURNING id"));
    school.addBindValue(kInn);
    school.addBindValue(QStringLiteral("695001001"));
    school.addBindValue(QStringLiteral("1026900123458"));
    school.addBindValue(QStringLiteral(
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»"));
    school.addBindValue(QStringLiteral("МБОУ СОШ № 17"));
    school.addBindValue(QStringLiteral("Тверская область"));
    school.addBindValue(QStringLiteral("170100, г. Тверь, ул. Школьная, д. 17"));
    school.addBindValue(QStringLiteral("school17@shkola17.example"));
    if (!school.exec())
        return dbError(school);
    out.schoolId = Database::returnedId(school);

    // Classes 1А–11Б.
    QList<QPair<qint64, QString>> classes;
    QSqlQuery cls =
        m_db.prepare(QStringLiteral("INSERT INTO classes (school_id, grade, letter) VALUES (?, ?, ?) RETURNING id"));
    for (int grade = 1; grade <= 11; ++grade) {
        for (const QString &letter : {QStringLiteral("А"), QStringLiteral("Б")}) {
            cls.addBindValue(out.schoolId);
            cls.addBindValue(grade);
            cls.addBindValue(letter);
            if (!cls.exec())
                return dbError(cls);
            classes.append({Database::returnedId(cls), QString::number(grade) + letter});
        }
    }

    QSqlQuery member = m_db.prepare(QStringLiteral(
        "INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, class_id, status, reason, "
        "esia_level, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    const auto insertMember = [&](const QString &role, const Person &p, const QString &subject, const QVariant &classId,
                                  const QString &status, const QString &level) -> qint64 {
        member.addBindValue(out.schoolId);
        member.addBindValue(role);
        member.addBindValue(p.surname);
        member.addBindValue(p.name);
        member.addBindValue(text(p.patronymic));
        member.addBindValue(QStringLiteral("%1.%2%3@mail.example")
                                .arg(translit(p.surname), translit(p.name.left(1)), QString::number(rng.bounded(100))));
        member.addBindValue(text(subject));
        member.addBindValue(classId);
        member.addBindValue(status);
        member.addBindValue(
            text(status == QLatin1String("rejected") ? QStringLiteral("Не работает в школе") : QString()));
        member.addBindValue(level);
        member.addBindValue(registered());
        if (!member.exec()) {
            dbError(member);
            return 0;
        }
        return Database::returnedId(member);
    };

    // 40 teachers: most wait for a decision; the first 22 lead a class each.
    QSqlQuery lead = m_db.prepare(QStringLiteral("INSERT INTO teacher_classes (teacher_id, class_id) VALUES (?, ?)"));
    qint64 demoTeacherMember = 0;
    const QVariant noClass(QMetaType::fromType<qint64>());
    for (int i = 0; i < 40; ++i) {
        const Person p = randomPerson(rng);
        const QString subject = QString::fromUtf16(kSubjects[i < 8 ? 16 : rng.bounded(int(std::size(kSubjects)) - 1)]);
        const bool leadsClass = i < int(classes.size());
        // The teacher of 5А (index 8) is the demo teacher: already approved.
        const bool isDemoTeacher = leadsClass && classes.at(i).second == QStringLiteral("5А");
        QString status = QStringLiteral("pending");
        if (isDemoTeacher || i % 10 == 3)
            status = QStringLiteral("approved");
        else if (i == 37)
            status = QStringLiteral("rejected");
        const QString level = i % 7 == 5 ? QStringLiteral("standard") : QStringLiteral("confirmed");
        const qint64 id = insertMember(QStringLiteral("teacher"), p, subject, noClass, status, level);
        if (id == 0)
            return storage;
        if (leadsClass) {
            lead.addBindValue(id);
            lead.addBindValue(classes.at(i).first);
            if (!lead.exec())
                return dbError(lead);
        }
        if (isDemoTeacher)
            demoTeacherMember = id;
        ++out.teachers;
    }

    // About 36 students a class: 792 in all.
    for (const auto &[classId, className] : classes) {
        const int count = 34 + rng.bounded(5);
        for (int i = 0; i < count; ++i) {
            const Person p = randomPerson(rng);
            const QString level = i % 5 == 0 ? QStringLiteral("confirmed") : QStringLiteral("simplified");
            if (insertMember(QStringLiteral("student"), p, QString(), classId, QStringLiteral("pending"), level) == 0)
                return storage;
            ++out.students;
        }
    }
    if (!tx.commit())
        return storage;

    const auto create = [&](const char *login, Role role, std::optional<qint64> schoolId,
                            const QString &name) -> Result<qint64> {
        NewAccount a;
        a.login = QString::fromLatin1(login);
        a.password = out.password;
        a.role = role;
        a.schoolId = schoolId;
        a.displayName = name;
        return m_accounts.createAccount(a);
    };
    auto schoolAccount = create(kSchoolLogin, Role::School, out.schoolId, QStringLiteral("МБОУ СОШ № 17"));
    if (!schoolAccount)
        return schoolAccount.error();
    auto teacherAccount = create(kTeacherLogin, Role::Teacher, out.schoolId, QString());
    if (!teacherAccount)
        return teacherAccount.error();
    auto operatorAccount = create(kOperatorLogin, Role::Operator, std::nullopt, QStringLiteral("Оператор поддержки"));
    if (!operatorAccount)
        return operatorAccount.error();

    QSqlQuery link = m_db.prepare(QStringLiteral("UPDATE members SET user_id = ? WHERE id = ?"));
    link.addBindValue(teacherAccount.value());
    link.addBindValue(demoTeacherMember);
    if (!link.exec())
        return dbError(link);
    QSqlQuery name = m_db.prepare(QStringLiteral("UPDATE users SET display_name = (SELECT surname || ' ' || name || ' "
                                                 "' || patronymic FROM members WHERE id = ?) WHERE id = ?"));
    name.addBindValue(demoTeacherMember);
    name.addBindValue(teacherAccount.value());
    if (!name.exec())
        return dbError(name);

    // The demo school's director was confirmed a month ago: consent, then the request the operator confirmed.
    const QString monthAgo = proto::formatTimestamp(now.addDays(-30));
    QSqlQuery consent = m_db.prepare(
        QStringLiteral("INSERT INTO consents (school_id, user_id, text_version, accepted_at) VALUES (?, ?, ?, ?)"));
    consent.addBindValue(out.schoolId);
    consent.addBindValue(schoolAccount.value());
    consent.addBindValue(currentConsent().version);
    consent.addBindValue(monthAgo);
    if (!consent.exec())
        return dbError(consent);
    QSqlQuery director = m_db.prepare(QStringLiteral(
        "INSERT INTO director_requests (school_id, kind, surname, name, patronymic, position, email, phone, inn, "
        "status, "
        "submitted_by, submitted_at, expected_by, decided_by, decided_at) "
        "VALUES (?, 'initial', 'Соколова', 'Марина', 'Викторовна', 'Директор', 'director@shkola17.example', "
        "'+7 4822 00-17-17', ?, 'confirmed', ?, ?, ?, ?, ?)"));
    director.addBindValue(out.schoolId);
    director.addBindValue(kInn);
    director.addBindValue(schoolAccount.value());
    director.addBindValue(monthAgo);
    director.addBindValue(now.addDays(-28).date().toString(Qt::ISODate));
    director.addBindValue(operatorAccount.value());
    director.addBindValue(proto::formatTimestamp(now.addDays(-29)));
    if (!director.exec())
        return dbError(director);
    QSqlQuery named = m_db.prepare(QStringLiteral("UPDATE schools SET director_name = ? WHERE id = ?"));
    named.addBindValue(QStringLiteral("Соколова Марина Викторовна"));
    named.addBindValue(out.schoolId);
    if (!named.exec())
        return dbError(named);

    auto lyceum = seedLyceum(out.password, now);
    if (!lyceum)
        return lyceum.error();
    out.lyceumId = lyceum.value();

    qCInfo(lcDemo) << "seeded demo school" << out.schoolId << "with" << out.teachers << "teachers and" << out.students
                   << "students";
    return out;
}

Result<qint64> DemoSeeder::seedLyceum(const QString &password, const QDateTime &now)
{
    const Error storage{QString::fromLatin1(errc::Internal), QStringLiteral("demo seeding failed (lyceum)")};
    QRandomGenerator rng(5);
    Transaction tx(m_db);
    QSqlQuery school = m_db.prepare(QStringLiteral(
        "INSERT INTO schools (inn, kpp, ogrn, name, short_name, region, address, email, director_status) "
        "VALUES (?, '695001002', '', ?, ?, 'Тверская область', '170001, г. Тверь, пр-т Ленина, д. 5', "
        "'lyceum5@licey5.example', 'none') RETURNING id"));
    school.addBindValue(kLyceumInn);
    school.addBindValue(QStringLiteral("Муниципальное общеобразовательное учреждение «Лицей № 5»"));
    school.addBindValue(QStringLiteral("МОУ Лицей № 5"));
    if (!school.exec())
        return storage;
    const qint64 id = Database::returnedId(school);
    QSqlQuery member = m_db.prepare(QStringLiteral(
        "INSERT INTO members (school_id, role, surname, name, patronymic, email, subject, status, esia_level, "
        "registered_at) VALUES (?, 'teacher', ?, ?, ?, ?, ?, 'pending', 'confirmed', ?)"));
    for (int i = 0; i < 6; ++i) {
        const Person p = randomPerson(rng);
        member.addBindValue(id);
        member.addBindValue(p.surname);
        member.addBindValue(p.name);
        member.addBindValue(text(p.patronymic));
        member.addBindValue(QStringLiteral("%1@licey5.example").arg(translit(p.surname)));
        member.addBindValue(QString::fromUtf16(kSubjects[rng.bounded(int(std::size(kSubjects)))]));
        member.addBindValue(proto::formatTimestamp(now.addDays(-rng.bounded(20))));
        if (!member.exec())
            return storage;
    }
    if (!tx.commit())
        return storage;
    NewAccount a;
    a.login = QString::fromLatin1(kLyceumLogin);
    a.password = password;
    a.role = Role::School;
    a.schoolId = id;
    a.displayName = QStringLiteral("МОУ Лицей № 5");
    auto account = m_accounts.createAccount(a);
    if (!account)
        return account.error();
    return id;
}

} // namespace sg::server
