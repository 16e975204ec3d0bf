// bench_membertable: the members table (MemberTableModel + MemberFilterProxyModel + a QTableView) and the
// client's start-up, each measured against a baseline in the same run. Prints a table of ratios with their goals;
// no timing is ever asserted (the exit code reports only the correctness checks). See docs/performance.md.

#include "client/membertablemodel.h"
#include "core/protocol.h"
#include "startupprobe.h"
#include "ui/memberfilterproxymodel.h"

#include <QApplication>
#include <QCollator>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QStandardItemModel>
#include <QSysInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>
#include <numeric>
#include <optional>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
#if __GLIBC_PREREQ(2, 33)
#define SG_BENCH_HAVE_MALLINFO2 1
#endif
#endif

namespace sg::bench {
namespace {

using client::MemberTableModel;
using proto::DecisionResult;
using proto::Member;
using ui::MemberFilterProxyModel;

struct Options
{
    int rows = 100'000;
    int approveRows = 10'000;
    int reps = 5;
    int startupRuns = 7;
    int startupWarmups = 1;
    bool quick = false;
};

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &progress()
{
    static QTextStream s(stderr);
    return s;
}

// ---- Synthetic data ----------------------------------------------------------------------------------------

// A fixed linear congruential generator: the same rows on every machine and standard library.
struct Lcg
{
    quint64 state;

    quint32 next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(state >> 33);
    }
    int below(int n) { return int(next() % quint32(n)); }
};

// Masculine surnames; the Ё spelling and its Е variant both occur (Фёдоров / Федоров).
const char16_t *const kSurnames[] = {u"Иванов", u"Ивашкин", u"Ивантеев", u"Сивцов", u"Алексеев", u"Елисеев", u"Ёлкин",
    u"Ершов", u"Ёжиков", u"Фёдоров", u"Федоров", u"Семёнов", u"Семенов", u"Королёв", u"Королев", u"Соловьёв",
    u"Артёмов", u"Лёвин", u"Журавлёв", u"Воробьёв", u"Ковалёв", u"Киселёв", u"Щербаков", u"Смирнов", u"Кузнецов",
    u"Попов", u"Васильев", u"Петров", u"Соколов", u"Михайлов", u"Новиков", u"Морозов", u"Волков", u"Лебедев", u"Козлов",
    u"Степанов", u"Николаев", u"Орлов", u"Андреев", u"Макаров", u"Никитин", u"Захаров", u"Зайцев", u"Борисов",
    u"Яковлев", u"Григорьев", u"Романов", u"Сергеев", u"Кузьмин", u"Фролов", u"Александров", u"Дмитриев", u"Евдокимов",
    u"Ефимов", u"Жуков", u"Белов", u"Тарасов", u"Беляев", u"Комаров", u"Медведев", u"Антонов", u"Тихонов", u"Гаврилов",
    u"Давыдов", u"Ильин", u"Гусев", u"Титов", u"Калинин", u"Ильичёв", u"Чернышёв", u"Пугачёв", u"Горбачёв", u"Шевчук",
    u"Черных", u"Долгорукий", u"Вяземский", u"Трубецкой", u"Ёлкина-Ивановская", u"Цой", u"Ким"};
// Hyphenated surnames (some with two hyphens and indeclinable parts).
const char16_t *const kHyphenated[] = {u"Римский-Корсаков", u"Салтыков-Щедрин", u"Мамин-Сибиряк", u"Петров-Водкин",
    u"Соколов-Микитов", u"Бонч-Бруевич", u"Лебедев-Кумач", u"Новиков-Прибой", u"Семёнов-Тян-Шанский",
    u"Иванов-Разумник", u"Ёлкин-Фёдоров", u"Щедрин-Ершов"};
const char16_t *const kMaleNames[] = {u"Иван", u"Пётр", u"Сергей", u"Алексей", u"Артём", u"Семён", u"Фёдор", u"Дмитрий",
    u"Михаил", u"Николай", u"Андрей", u"Егор", u"Лев", u"Матвей", u"Тимофей", u"Глеб", u"Ярослав", u"Всеволод", u"Илья",
    u"Кирилл", u"Максим", u"Олег", u"Евгений", u"Ефим", u"Савелий"};
const char16_t *const kFemaleNames[] = {u"Алёна", u"Ольга", u"Татьяна", u"Ирина", u"Елена", u"Екатерина", u"Дарья",
    u"Софья", u"Анна", u"Мария", u"Ксения", u"Полина", u"Алиса", u"Варвара", u"Ева", u"Вера", u"Ульяна", u"Василиса",
    u"Фёкла", u"Пелагея", u"Агния", u"Милана", u"Евгения", u"Лиза", u"Серафима"};
// Patronymics by the father's name, masculine and feminine forms at the same index.
const char16_t *const kPatronymicsM[] = {u"Иванович", u"Петрович", u"Сергеевич", u"Алексеевич", u"Артёмович",
    u"Семёнович", u"Фёдорович", u"Дмитриевич", u"Михайлович", u"Николаевич", u"Андреевич", u"Егорович", u"Львович",
    u"Ильич", u"Матвеевич", u"Глебович"};
const char16_t *const kPatronymicsF[] = {u"Ивановна", u"Петровна", u"Сергеевна", u"Алексеевна", u"Артёмовна",
    u"Семёновна", u"Фёдоровна", u"Дмитриевна", u"Михайловна", u"Николаевна", u"Андреевна", u"Егоровна", u"Львовна",
    u"Ильинична", u"Матвеевна", u"Глебовна"};
static_assert(std::size(kPatronymicsM) == std::size(kPatronymicsF));
const char16_t *const kSubjects[] = {u"Математика", u"Русский язык", u"Литература", u"Физика", u"Химия", u"История",
    u"Обществознание", u"Английский язык", u"Информатика", u"Биология", u"География", u"Физическая культура", u"Музыка",
    u"Изобразительное искусство", u"Технология", u"ОБЖ"};
const char16_t kClassLetters[] = u"АБВГД";
const char16_t *const kEsiaLevels[] = {u"", u"simplified", u"standard", u"confirmed"};

template<std::size_t N>
QString pick(Lcg &rng, const char16_t *const (&list)[N])
{
    return QString::fromUtf16(list[rng.below(int(N))]);
}

// The feminine form of one part of a surname: Иванов → Иванова, Вяземский → Вяземская; Шевчук, Цой unchanged.
QString feminineWord(const QString &word)
{
    for (const char16_t *suffix : {u"ов", u"ев", u"ёв", u"ин", u"ын"}) {
        if (word.endsWith(QStringView(suffix)))
            return word + QChar(u'а');
    }
    if (word.endsWith(QStringView(u"ий")) || word.endsWith(QStringView(u"ой"))) {
        QString feminine = word.chopped(2);
        feminine.append(QStringView(u"ая"));
        return feminine;
    }
    return word;
}

QString feminineSurname(const QString &surname)
{
    QStringList parts = surname.split(QLatin1Char('-'));
    for (QString &part : parts)
        part = feminineWord(part);
    return parts.join(QLatin1Char('-'));
}

// Members as the client holds them: every row is built, serialised and parsed back with Member::fromJson, so
// each string is its own exact-size allocation, as after a download. Deterministic for a given count.
QList<Member> generateMembers(int count)
{
    Lcg rng{20240901};
    const QDateTime base(QDate(2024, 9, 1), QTime(8, 0), QTimeZone::utc());
    QList<Member> members;
    members.reserve(count);
    for (int i = 0; i < count; ++i) {
        Member m;
        m.id = 1000 + i;
        const bool female = rng.below(2) == 0;
        QString surname = rng.below(100) < 8 ? pick(rng, kHyphenated) : pick(rng, kSurnames);
        m.surname = female ? feminineSurname(surname) : surname;
        m.name = female ? pick(rng, kFemaleNames) : pick(rng, kMaleNames);
        if (rng.below(100) >= 4) {
            const int father = rng.below(int(std::size(kPatronymicsM)));
            m.patronymic = QString::fromUtf16(female ? kPatronymicsF[father] : kPatronymicsM[father]);
        }
        const auto className = [&rng] {
            return QString::number(1 + rng.below(11)) + QChar(kClassLetters[rng.below(5)]);
        };
        if (rng.below(100) < 85) {
            m.role = Role::Student;
            m.className = className();
        } else {
            m.role = Role::Teacher;
            m.subject = pick(rng, kSubjects);
            if (rng.below(3) == 0)
                m.className = className();
        }
        m.email = QStringLiteral("user%1@school%2.example.ru").arg(m.id).arg(m.id % 97);
        const int s = rng.below(100);
        m.status = s < 60 ? MemberStatus::Pending
            : s < 90      ? MemberStatus::Approved
            : s < 95      ? MemberStatus::Rejected
            : s < 98      ? MemberStatus::Graduate
                          : MemberStatus::NotCurrent;
        if (m.status == MemberStatus::Rejected)
            m.reason = QStringLiteral("Нет в списках класса");
        m.version = 1 + rng.below(3);
        m.registeredAt = base.addSecs(rng.below(300 * 86'400));
        m.esiaLevel = pick(rng, kEsiaLevels);

        auto parsed = Member::fromJson(m.toJson());
        if (!parsed) {
            progress() << "bench: generated member does not parse: " << parsed.error().message << Qt::endl;
            std::abort();
        }
        members.append(std::move(parsed).value());
    }
    return members;
}

// ---- Measuring ---------------------------------------------------------------------------------------------

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// One timed operation: setup runs untimed before each repetition, op is timed.
struct Case
{
    std::function<void()> setup;
    std::function<void()> op;
};

// Times the cases reps times each, interleaved (the order rotates every repetition) so that load on a shared
// machine falls on ours and the baseline alike; returns the median of each case in nanoseconds.
std::vector<double> timeInterleaved(int reps, const std::vector<Case> &cases)
{
    std::vector<std::vector<double>> samples(cases.size());
    for (int rep = 0; rep < reps; ++rep) {
        for (std::size_t k = 0; k < cases.size(); ++k) {
            const std::size_t c = (k + std::size_t(rep)) % cases.size();
            if (cases[c].setup)
                cases[c].setup();
            QElapsedTimer timer;
            timer.start();
            cases[c].op();
            samples[c].push_back(double(timer.nsecsElapsed()));
        }
    }
    std::vector<double> medians;
    for (auto &list : samples)
        medians.push_back(median(std::move(list)));
    return medians;
}

// Lets the view lay out and paint what the last change asked for (deferred layout, update requests).
void drainEvents()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

struct MemorySample
{
    double heap = 0; // bytes in use by malloc (main arena + mmapped chunks)
    double rss = 0; // resident set size
};

bool memoryMeasurable()
{
#if defined(SG_BENCH_HAVE_MALLINFO2)
    return true;
#else
    return false;
#endif
}

MemorySample sampleMemory()
{
    MemorySample sample;
#if defined(SG_BENCH_HAVE_MALLINFO2)
    const struct mallinfo2 info = mallinfo2();
    sample.heap = double(info.uordblks + info.hblkhd);
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = statm.readAll().split(' ');
        if (fields.size() > 1)
            sample.rss = fields.at(1).toDouble() * double(sysconf(_SC_PAGESIZE));
    }
#endif
    return sample;
}

void releaseFreeMemory()
{
#if defined(SG_BENCH_HAVE_MALLINFO2)
    malloc_trim(0);
#endif
}

// ---- The table ---------------------------------------------------------------------------------------------

struct Row
{
    QString measurement;
    QString ours;
    QString baseline;
    QString ratio;
    QString goal;
    QString met;
};

QString ms(double ns)
{
    return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', ns < 10e6 ? 2 : 1);
}

QString bytesPerRow(double bytes)
{
    return QStringLiteral("%1 B/row").arg(bytes, 0, 'f', 0);
}

QString ratioText(double ratio)
{
    return QStringLiteral("%1×").arg(ratio, 0, 'f', 2);
}

// A row with a ratio; goal <= 0 marks an informational row without a goal.
Row ratioRow(const QString &name, const QString &ours, const QString &baseline, double ratio, double goal)
{
    Row row{name, ours, baseline, ratioText(ratio), QStringLiteral("info"), QStringLiteral("—")};
    if (goal > 0) {
        row.goal = QStringLiteral("≤ %1×").arg(goal, 0, 'f', goal < 1 ? 2 : 1);
        row.met = ratio <= goal ? QStringLiteral("yes") : QStringLiteral("**no**");
    }
    return row;
}

Row unavailableRow(const QString &name, const QString &why, const QString &goal)
{
    return Row{name, why, QStringLiteral("—"), QStringLiteral("—"), goal, QStringLiteral("n/a")};
}

void printTable(const QList<Row> &rows)
{
    out() << "| measurement | ours | baseline | ratio | goal | met? |\n";
    out() << "|---|---:|---:|---:|---|---|\n";
    for (const Row &r : rows) {
        out() << "| " << r.measurement << " | " << r.ours << " | " << r.baseline << " | " << r.ratio << " | " << r.goal
              << " | " << r.met << " |\n";
    }
    out().flush();
}

// Correctness checks that make the comparisons meaningful (ours and the baseline did the same work).
struct Checks
{
    QStringList lines;
    bool ok = true;

    void expect(bool condition, const QString &what)
    {
        lines.append(QStringLiteral("%1: %2").arg(condition ? QStringLiteral("ok") : QStringLiteral("FAILED"), what));
        ok = ok && condition;
    }
};

// ---- 1. Memory per row -------------------------------------------------------------------------------------

// The visible data of the table in a QStandardItemModel: 6 columns of display strings + the id as UserRole.
std::unique_ptr<QStandardItemModel> buildStandardItemModel(const QList<Member> &members)
{
    auto model = std::make_unique<QStandardItemModel>(int(members.size()), int(MemberTableModel::ColumnCount));
    for (int row = 0; row < int(members.size()); ++row) {
        const Member &m = members.at(row);
        auto *name = new QStandardItem(m.fullName());
        name->setData(m.id, Qt::UserRole);
        model->setItem(row, MemberTableModel::FullNameColumn, name);
        model->setItem(
            row, MemberTableModel::DetailColumn, new QStandardItem(m.role == Role::Student ? m.className : m.subject));
        model->setItem(row, MemberTableModel::EmailColumn, new QStandardItem(MemberTableModel::maskEmail(m.email)));
        model->setItem(row, MemberTableModel::RegisteredColumn,
            new QStandardItem(QLocale().toString(m.registeredAt.toLocalTime().date(), QLocale::ShortFormat)));
        model->setItem(row, MemberTableModel::StatusColumn, new QStandardItem(MemberTableModel::statusText(m.status)));
        model->setItem(
            row, MemberTableModel::EsiaLevelColumn, new QStandardItem(MemberTableModel::esiaLevelText(m.esiaLevel)));
    }
    return model;
}

void measureMemory(const Options &opt, QList<Row> &table)
{
    const QString heapName = QStringLiteral("1. memory per row, heap in use (mallinfo2)");
    const QString rssName = QStringLiteral("1. memory per row, RSS growth (/proc/self/statm)");
    if (!memoryMeasurable()) {
        table.append(unavailableRow(heapName, QStringLiteral("n/a (needs glibc ≥ 2.33)"), QStringLiteral("≤ 0.30×")));
        return;
    }
    std::vector<double> oursHeap, oursRss, baseHeap, baseRss;
    const int reps = std::max(1, std::min(opt.reps, 3)); // allocation counts barely vary between repetitions
    for (int rep = 0; rep < reps; ++rep) {
        progress() << "memory: repetition " << rep + 1 << "/" << reps << Qt::endl;
        {
            releaseFreeMemory();
            const MemorySample before = sampleMemory();
            std::unique_ptr<QStandardItemModel> model = buildStandardItemModel(generateMembers(opt.rows));
            releaseFreeMemory();
            const MemorySample after = sampleMemory();
            baseHeap.push_back((after.heap - before.heap) / opt.rows);
            baseRss.push_back((after.rss - before.rss) / opt.rows);
        }
        {
            releaseFreeMemory();
            const MemorySample before = sampleMemory();
            auto model = std::make_unique<MemberTableModel>();
            model->setMembers(generateMembers(opt.rows));
            releaseFreeMemory();
            const MemorySample after = sampleMemory();
            oursHeap.push_back((after.heap - before.heap) / opt.rows);
            oursRss.push_back((after.rss - before.rss) / opt.rows);
        }
        releaseFreeMemory();
    }
    const double oh = median(oursHeap), bh = median(baseHeap), orss = median(oursRss), brss = median(baseRss);
    table.append(ratioRow(heapName, bytesPerRow(oh), bytesPerRow(bh), oh / bh, 0.3));
    table.append(ratioRow(rssName, bytesPerRow(orss), bytesPerRow(brss), orss / brss, 0.3));
}

// ---- 2. Sort by name ---------------------------------------------------------------------------------------

std::vector<QCollatorSortKey> russianSortKeys(const QList<Member> &members)
{
    QCollator collator{QLocale(QLocale::Russian, QLocale::Russia)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::vector<QCollatorSortKey> keys;
    keys.reserve(members.size());
    for (const Member &m : members)
        keys.push_back(collator.sortKey(m.fullName()));
    return keys;
}

std::vector<int> sortedIndices(const std::vector<QCollatorSortKey> &keys)
{
    std::vector<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&keys](int a, int b) { return keys[a].compare(keys[b]) < 0; });
    return order;
}

void measureSort(const Options &opt, const QList<Member> &members, QList<Row> &table, Checks &checks)
{
    progress() << "sort" << Qt::endl;
    std::unique_ptr<MemberTableModel> model;
    std::unique_ptr<MemberFilterProxyModel> proxy;
    const auto freshModel = [&] {
        proxy.reset();
        model = std::make_unique<MemberTableModel>();
        proxy = std::make_unique<MemberFilterProxyModel>();
        proxy->setSourceModel(model.get());
    };

    // Ours: load the rows (the model computes its collation ranks once), sort the proxy by name, and make the
    // proxy build its mapping (it sorts lazily).
    // Baseline: the same order from the same list with precomputed QCollatorSortKeys and std::sort of indices.
    std::vector<int> baseOrder;
    const std::vector<double> t = timeInterleaved(opt.reps,
        {{freshModel,
             [&] {
                 model->setMembers(members);
                 proxy->sort(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
                 (void)proxy->rowCount();
             }},
            {{}, [&] { baseOrder = sortedIndices(russianSortKeys(members)); }}});
    const double ours = t[0], base = t[1];
    table.append(
        ratioRow(QStringLiteral("2. sort by name (setMembers + proxy sort)"), ms(ours), ms(base), ours / base, 1.5));

    // Same order? Compare the collation keys position by position (equal names may legitimately swap).
    const std::vector<QCollatorSortKey> keys = russianSortKeys(members);
    bool same = proxy->rowCount() == int(baseOrder.size());
    for (int i = 0; same && i < proxy->rowCount(); ++i) {
        const int src = proxy->mapToSource(proxy->index(i, 0)).row();
        same = keys[src].compare(keys[baseOrder[i]]) == 0;
    }
    checks.expect(
        same, QStringLiteral("proxy sort order equals the QCollatorSortKey order (%1 rows)").arg(members.size()));

    // Where the time goes: the sort alone, with the keys already computed on both sides.
    const std::vector<double> t2 = timeInterleaved(opt.reps,
        {{[&] {
              freshModel();
              model->setMembers(members);
          },
             [&] {
                 proxy->sort(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
                 (void)proxy->rowCount();
             }},
            {{}, [&] { (void)sortedIndices(keys); }}});
    const double oursSortOnly = t2[0], baseSortOnly = t2[1];
    table.append(ratioRow(QStringLiteral("2b. of which: proxy sort with ranks ready vs std::sort on ready keys"),
        ms(oursSortOnly), ms(baseSortOnly), oursSortOnly / baseSortOnly, 0));
}

// ---- 3. One keystroke of filtering -------------------------------------------------------------------------

// The search's folding, one UTF-16 unit at a time: lower case, ё → е (so folded text keeps its length).
char16_t foldUnit(char16_t c)
{
    if (c < 0x80)
        return c >= u'A' && c <= u'Z' ? char16_t(c + 0x20) : c;
    if (c >= 0x0410 && c <= 0x042F) // А…Я
        return char16_t(c + 0x20);
    if (c >= 0x0430 && c <= 0x044F) // а…я
        return c;
    if (c == 0x0401 || c == 0x0451)
        return 0x0435;
    if (QChar::isSurrogate(c))
        return c;
    const char32_t lower = QChar::toLower(char32_t(c));
    return lower <= 0xFFFF ? char16_t(lower) : c;
}

// Whether `folded` occurs in `text` folded on the fly; allocates nothing.
bool containsFolded(QStringView text, QStringView folded)
{
    for (qsizetype i = 0; i + folded.size() <= text.size(); ++i) {
        qsizetype j = 0;
        while (j < folded.size() && foldUnit(text.at(i + j).unicode()) == folded.at(j).unicode())
            ++j;
        if (j == folded.size())
            return true;
    }
    return false;
}

// Strict baseline: every word of the search occurs in the surname, name, patronymic or subject/class, compared
// without building any string per row (the technique the proxy uses since it matches words allocation-free).
bool matchesWords(const Member &m, const QList<QStringView> &words)
{
    const QString &detail = m.role == Role::Student ? m.className : m.subject;
    for (QStringView word : words) {
        if (!containsFolded(m.surname, word) && !containsFolded(m.name, word) && !containsFolded(m.patronymic, word)
            && !containsFolded(detail, word))
            return false;
    }
    return true;
}

// Naive baseline: lower-cased copies with ё → е of the full name and the subject/class, then contains().
bool matchesNaively(const Member &m, const QString &needle)
{
    for (const QString &field : {m.fullName(), m.role == Role::Student ? m.className : m.subject}) {
        QString text = field.toLower();
        text.replace(QChar(0x0451), QChar(0x0435));
        if (text.contains(needle))
            return true;
    }
    return false;
}

void measureFilter(const Options &opt, const QList<Member> &members, QList<Row> &table, Checks &checks)
{
    progress() << "filter" << Qt::endl;
    MemberTableModel model;
    model.setMembers(members);
    MemberFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
    (void)proxy.rowCount();

    // Ours: "ив" is typed, the user types "а". Baselines: plain loops over the rows testing the same condition.
    const QString typed = QStringLiteral("ива");
    int plainMatches = 0;
    int naiveMatches = 0;
    const std::vector<double> t = timeInterleaved(opt.reps,
        {{[&] {
              proxy.setSearchText(QStringLiteral("ив"));
              (void)proxy.rowCount();
          },
             [&] {
                 proxy.setSearchText(typed);
                 (void)proxy.rowCount();
             }},
            {{},
                [&] {
                    QString folded = typed.simplified();
                    for (QChar &c : folded)
                        c = QChar(foldUnit(c.unicode()));
                    const QList<QStringView> words = QStringView(folded).split(u' ', Qt::SkipEmptyParts);
                    plainMatches = 0;
                    for (const Member &m : members)
                        plainMatches += matchesWords(m, words) ? 1 : 0;
                }},
            {{}, [&] {
                 naiveMatches = 0;
                 for (const Member &m : members)
                     naiveMatches += matchesNaively(m, typed) ? 1 : 0;
             }}});
    const double ours = t[0], plain = t[1], naive = t[2];
    table.append(
        ratioRow(QStringLiteral("3. filter keystroke \"ив\" → \"ива\": proxy vs a plain loop, allocation-free match"),
            ms(ours), ms(plain), ours / plain, 2.0));
    table.append(ratioRow(QStringLiteral("3b. proxy vs a naive loop (toLower + ё→е + contains on copies per row)"),
        ms(ours), ms(naive), ours / naive, 0));
    checks.expect(proxy.rowCount() == plainMatches && plainMatches == naiveMatches,
        QStringLiteral("filter \"ива\": proxy shows %1 rows, the plain loops find %2 and %3")
            .arg(proxy.rowCount())
            .arg(plainMatches)
            .arg(naiveMatches));
}

// ---- 4. Approving selected rows with a view attached -------------------------------------------------------

// MemberTableModel plus a bare reset (no data or key work), for the informational row.
class ResettableMemberTableModel : public MemberTableModel
{
public:
    void resetOnly()
    {
        beginResetModel();
        endResetModel();
    }
};

// Counts the paint events of a widget: shows that the view really repainted during a measurement.
class PaintCounter : public QObject
{
public:
    int count() const { return m_count; }
    void reset() { m_count = 0; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    int m_count = 0;
};

void measureApprove(const Options &opt, const QList<Member> &members, QList<Row> &table, Checks &checks)
{
    progress() << "approve" << Qt::endl;
    // Rows to approve: runs of 1–20 adjacent rows separated by gaps of 1–15 rows, each run maximal.
    Lcg rng{77};
    QList<int> rows;
    int runs = 0;
    for (int row = rng.below(10); rows.size() < opt.approveRows && row < int(members.size());
         row += 1 + rng.below(15)) {
        const int length = 1 + rng.below(20);
        for (int k = 0; k < length && rows.size() < opt.approveRows && row < int(members.size()); ++k)
            rows.append(row++);
        ++runs;
    }
    // The server's answers, in the (shuffled) order of a selection in a sorted view.
    QList<DecisionResult> results;
    results.reserve(rows.size());
    QList<Member> updated = members;
    for (int row : rows) {
        DecisionResult r;
        r.key = QStringLiteral("bench-%1").arg(row);
        r.memberId = members.at(row).id;
        r.outcome = DecisionOutcome::Applied;
        r.status = MemberStatus::Approved;
        r.version = members.at(row).version + 1;
        results.append(r);
        updated[row].status = MemberStatus::Approved;
        updated[row].version = r.version;
    }
    for (qsizetype i = results.size() - 1; i > 0; --i)
        std::swap(results[i], results[rng.below(int(i + 1))]);

    int signalCount = 0;
    ResettableMemberTableModel model;
    MemberFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setObjectName(QStringLiteral("membersTableView"));
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(MemberTableModel::FullNameColumn, Qt::AscendingOrder);
    view.resize(1200, 800);
    view.show();
    drainEvents();
    PaintCounter paints;
    view.viewport()->installEventFilter(&paints);

    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model, [&signalCount] { ++signalCount; });
    // Each repetition starts from the original rows (not shared with anyone, as in the client) shown in the view,
    // scrolled so that the first selected row in the view's order is at the top: the user sees what is approved.
    const auto restore = [&] {
        QList<Member> copy = members;
        copy.detach();
        model.setMembers(std::move(copy));
        drainEvents();
        int top = int(proxy.rowCount());
        for (int row : rows)
            top = std::min(top, proxy.mapFromSource(model.index(row, 0)).row());
        view.scrollTo(proxy.index(top, 0), QAbstractItemView::PositionAtTop);
        drainEvents();
        signalCount = 0;
        paints.reset();
    };

    int oursSignals = 0;
    int oursPaints = 0;
    const std::vector<double> t = timeInterleaved(opt.reps,
        {{restore,
             [&] {
                 model.applyResults(results);
                 drainEvents();
                 oursSignals = signalCount;
                 oursPaints = paints.count();
             }},
            {restore,
                [&] {
                    model.setMembers(updated);
                    drainEvents();
                }},
            {restore, [&] {
                 model.resetOnly();
                 drainEvents();
             }}});
    const double ours = t[0], base = t[1], bareReset = t[2];
    restore();
    model.applyResults(results);
    bool allApproved = true;
    for (int row : rows)
        allApproved = allApproved && model.members().at(row).status == MemberStatus::Approved;

    const QString what = QStringLiteral("4. approve %L1 rows in %L2 runs, view attached").arg(rows.size()).arg(runs);
    table.append(ratioRow(what + QStringLiteral(" (vs reset via setMembers)"), ms(ours), ms(base), ours / base, 1.2));
    table.append(ratioRow(QStringLiteral("4b. approve vs a bare reset (begin/endResetModel only, no data work)"),
        ms(ours), ms(bareReset), ours / bareReset, 0));
    table.append(Row{QStringLiteral("4c. dataChanged signals emitted by the model"), QString::number(oursSignals),
        QStringLiteral("%1 runs").arg(runs), QStringLiteral("—"), QStringLiteral("= runs"),
        oursSignals == runs ? QStringLiteral("yes") : QStringLiteral("**no**")});
    checks.expect(oursSignals == runs,
        QStringLiteral("applyResults emitted %1 dataChanged for %2 runs of %3 rows")
            .arg(oursSignals)
            .arg(runs)
            .arg(rows.size()));
    checks.expect(view.isVisible() && oursPaints > 0,
        QStringLiteral("the view repainted after approving (%1 paint events of its viewport)").arg(oursPaints));
    checks.expect(allApproved, QStringLiteral("all %1 approved rows show the new status").arg(rows.size()));
}

// ---- 5. Cold start to the first window ---------------------------------------------------------------------

#if defined(SG_BENCH_CLIENT)
struct RunOutcome
{
    std::optional<double> ns;
    bool timedOut = false;
    QString failure;
};

RunOutcome timeProcess(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    if (!process.waitForStarted(10'000))
        return {std::nullopt, false, QStringLiteral("does not start: %1").arg(process.errorString())};
    if (!process.waitForFinished(std::max(1, 10'000 - int(timer.elapsed())))) {
        process.kill();
        process.waitForFinished(5'000);
        return {std::nullopt, true, QStringLiteral("did not exit within 10 s")};
    }
    const double ns = double(timer.nsecsElapsed());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {std::nullopt, false, QStringLiteral("exit code %1").arg(process.exitCode())};
    return {ns, false, {}};
}
#endif

void measureStartup(const Options &opt, QList<Row> &table)
{
    progress() << "start-up" << Qt::endl;
    const QString name = QStringLiteral("5. start-up to the sign-in window, `schoolgate --lang ru` vs minimal Widgets");
    const QString goal = QStringLiteral("≤ 1.5×");
#if !defined(SG_BENCH_CLIENT)
    table.append(unavailableRow(name, QStringLiteral("n/a (built with SG_BUILD_UI=OFF)"), goal));
    Q_UNUSED(opt);
#else
    const QString client = QStringLiteral(SG_BENCH_CLIENT);
    const QString minimal = QStringLiteral(SG_BENCH_STARTUP_MINIMAL);
    const QString self = QCoreApplication::applicationFilePath();
    // Same environment for all: offscreen, and settings/data in an empty folder (first start, user's untouched).
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("SG_EXIT_AFTER_FIRST_SHOW"), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    const QStringList clientArgs{QStringLiteral("--lang"), QStringLiteral("ru")};
    const QStringList probeArgs{QStringLiteral("--startup-probe-minimal")};

    std::vector<double> clientNs, minimalNs, probeNs;
    for (int i = 0; i < opt.startupWarmups + opt.startupRuns; ++i) {
        // Interleaved, so that load on the shared machine hits all three alike.
        const RunOutcome c = timeProcess(client, clientArgs, env);
        if (!c.ns) {
            table.append(unavailableRow(name,
                c.timedOut ? QStringLiteral("n/a (client lacks SG_EXIT_AFTER_FIRST_SHOW)")
                           : QStringLiteral("n/a (client %1)").arg(c.failure),
                goal));
            return;
        }
        const RunOutcome m = timeProcess(minimal, {}, env);
        const RunOutcome p = timeProcess(self, probeArgs, env);
        if (!m.ns || !p.ns) {
            table.append(
                unavailableRow(name, QStringLiteral("n/a (probe %1)").arg(m.ns ? p.failure : m.failure), goal));
            return;
        }
        if (i < opt.startupWarmups)
            continue;
        clientNs.push_back(*c.ns);
        minimalNs.push_back(*m.ns);
        probeNs.push_back(*p.ns);
    }
    const double c = median(clientNs), m = median(minimalNs), p = median(probeNs);
    table.append(ratioRow(name, ms(c), ms(m), c / m, 1.5));
    table.append(ratioRow(
        QStringLiteral("5b. client vs the same probe linked with the client's libraries"), ms(c), ms(p), c / p, 0));
#endif
}

void printHeader(const Options &opt)
{
    QString cpu;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    out() << "# bench_membertable\n\n";
    out() << "- date: " << QDateTime::currentDateTime().toString(Qt::ISODate) << "\n";
    out() << "- machine: " << QThread::idealThreadCount() << " logical CPUs (nproc)"
          << (cpu.isEmpty() ? QString() : QStringLiteral(", ") + cpu) << ", " << QSysInfo::prettyProductName() << ", "
          << QSysInfo::currentCpuArchitecture() << "\n";
    out() << "- Qt: " << qVersion() << " at run time (built against " << QT_VERSION_STR << "), platform "
          << QGuiApplication::platformName() << ", build type " << SG_BENCH_CONFIG << "\n";
    out() << "- sizeof(proto::Member): " << sizeof(proto::Member) << " bytes\n";
    out() << "- rows: " << opt.rows << ", approved rows: " << opt.approveRows << ", repetitions: " << opt.reps
          << " (median), start-up runs: " << opt.startupRuns << " each (median)" << (opt.quick ? ", quick pass" : "")
          << "\n\n";
    out().flush();
}

} // namespace
} // namespace sg::bench

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--startup-probe-minimal") == 0)
            return sg::bench::runMinimalStartupProbe(argc, argv);
    }
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bench_membertable"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the members table and the client's start-up against baselines in the same run; prints ratios."));
    parser.addHelpOption();
    const QCommandLineOption quickOpt(
        QStringLiteral("quick"), QStringLiteral("Short smoke pass: 5,000 rows, one repetition, one start-up run."));
    const QCommandLineOption rowsOpt(
        QStringLiteral("rows"), QStringLiteral("Number of rows (default 100000)."), QStringLiteral("N"));
    const QCommandLineOption repsOpt(
        QStringLiteral("reps"), QStringLiteral("Repetitions per measurement (default 5)."), QStringLiteral("N"));
    const QCommandLineOption probeOpt(QStringLiteral("startup-probe-minimal"),
        QStringLiteral("Run as the minimal Widgets start-up probe (show a window, quit)."));
    parser.addOptions({quickOpt, rowsOpt, repsOpt, probeOpt});
    parser.process(app);

    sg::bench::Options opt;
    if (parser.isSet(quickOpt)) {
        opt.quick = true;
        opt.rows = 5'000;
        opt.reps = 1;
        opt.startupRuns = 1;
        opt.startupWarmups = 0;
    }
    if (parser.isSet(rowsOpt))
        opt.rows = std::max(100, parser.value(rowsOpt).toInt());
    if (parser.isSet(repsOpt))
        opt.reps = std::max(1, parser.value(repsOpt).toInt());
    opt.approveRows = opt.rows / 10;

    // The client's locale, as with --lang ru (dates and collation).
    QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
    sg::bench::printHeader(opt);

    QList<sg::bench::Row> table;
    sg::bench::Checks checks;
    sg::bench::measureMemory(opt, table); // first, while the heap is still small
    const QList<sg::proto::Member> members = sg::bench::generateMembers(opt.rows);
    sg::bench::measureSort(opt, members, table, checks);
    sg::bench::measureFilter(opt, members, table, checks);
    sg::bench::measureApprove(opt, members, table, checks);
    sg::bench::measureStartup(opt, table);

    sg::bench::printTable(table);
    sg::bench::out() << "\nChecks (ours and the baseline did the same work):\n";
    for (const QString &line : checks.lines)
        sg::bench::out() << "- " << line << "\n";
    sg::bench::out() << "\nTimings are reported, never asserted; the exit code reflects only the checks above.\n";
    sg::bench::out().flush();
    return checks.ok ? 0 : 1;
}
