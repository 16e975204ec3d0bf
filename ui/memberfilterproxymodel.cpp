#include "memberfilterproxymodel.h"

#include "client/membertablemodel.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

#include <limits>

namespace sg::ui {

using client::MemberTableModel;

namespace {

// Lower case, ё → е; one UTF-16 unit in, one out, so folded text keeps its length.
inline char16_t foldChar(char16_t c) noexcept
{
    if (c < 0x80)
        return (c >= u'A' && c <= u'Z') ? char16_t(c + 0x20) : c;
    if (c >= 0x0410 && c <= 0x042F) // А…Я
        return char16_t(c + 0x20);
    if (c >= 0x0430 && c <= 0x044F) // а…я
        return c;
    if (c == 0x0401 || c == 0x0451) // Ё, ё
        return 0x0435;
    if (QChar::isSurrogate(c))
        return c;
    const char32_t lower = QChar::toLower(char32_t(c));
    return lower <= 0xFFFF ? char16_t(lower) : c;
}

// "10Б" → {10, "Б"}; a name without a leading number sorts after all numbered ones.
std::pair<int, QStringView> splitClassName(QStringView name)
{
    qsizetype digits = 0;
    int grade = 0;
    while (digits < name.size() && name.at(digits).isDigit() && digits < 4) {
        grade = grade * 10 + name.at(digits).digitValue();
        ++digits;
    }
    if (digits == 0)
        grade = std::numeric_limits<int>::max();
    return {grade, name.mid(digits).trimmed()};
}

} // namespace

bool classNameLess(QStringView a, QStringView b)
{
    const auto [gradeA, letterA] = splitClassName(a);
    const auto [gradeB, letterB] = splitClassName(b);
    if (gradeA != gradeB)
        return gradeA < gradeB;
    if (const int c = letterA.compare(letterB, Qt::CaseInsensitive); c != 0)
        return c < 0;
    return a.compare(b) < 0;
}

MemberFilterProxyModel::MemberFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MemberTableModel::SortKeyRole);
    setDynamicSortFilter(true);
}

void MemberFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_members = qobject_cast<const MemberTableModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

QString MemberFilterProxyModel::foldForSearch(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar *d = out.data();
    for (qsizetype i = 0; i < text.size(); ++i)
        d[i] = QChar(foldChar(text.at(i).unicode()));
    return out;
}

bool MemberFilterProxyModel::containsFolded(QStringView text, QStringView folded)
{
    const qsizetype n = folded.size();
    if (n == 0)
        return true;
    const qsizetype last = text.size() - n;
    if (last < 0)
        return false;
    const char16_t *hay = text.utf16();
    const char16_t *needle = folded.utf16();
    const char16_t first = needle[0];
    for (qsizetype i = 0; i <= last; ++i) {
        if (foldChar(hay[i]) != first)
            continue;
        qsizetype j = 1;
        while (j < n && foldChar(hay[i + j]) == needle[j])
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

void MemberFilterProxyModel::setSearchText(const QString &text)
{
    const QString normalized = foldForSearch(text.simplified());
    if (normalized == m_search)
        return;
    m_search = normalized;
    m_words = m_search.isEmpty() ? QStringList() : m_search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void MemberFilterProxyModel::setStatusFilter(std::optional<MemberStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void MemberFilterProxyModel::setClassFilter(const QString &className)
{
    if (className == m_class)
        return;
    m_class = className;
    invalidateFilter();
}

void MemberFilterProxyModel::setColumnTitle(int column, const QString &title)
{
    if (m_titles.value(column) == title && m_titles.contains(column))
        return;
    m_titles.insert(column, title);
    emit headerDataChanged(Qt::Horizontal, column, column);
}

QVariant MemberFilterProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        if (const auto it = m_titles.constFind(section); it != m_titles.cend())
            return *it;
    }
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

QVariant MemberFilterProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.column() == MemberTableModel::StatusColumn) {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        switch (MemberStatus(QSortFilterProxyModel::data(index, MemberTableModel::StatusRole).toInt())) {
        case MemberStatus::Approved: return QColor(dark ? 0x7bd88f : 0x1b7a35);
        case MemberStatus::Rejected: return QColor(dark ? 0xff8a80 : 0xb3261e);
        case MemberStatus::Pending: return QColor(dark ? 0xffcc66 : 0x8a5a00);
        default: break;
        }
    }
    if (role == Qt::FontRole && QSortFilterProxyModel::data(index, MemberTableModel::PendingSyncRole).toBool()) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool MemberFilterProxyModel::matchesWords(QStringView a, QStringView b, QStringView c, QStringView d) const
{
    for (const QString &word : m_words) {
        if (!containsFolded(a, word) && !containsFolded(b, word) && !containsFolded(c, word)
            && !containsFolded(d, word))
            return false;
    }
    return true;
}

bool MemberFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *src = sourceModel();
    if (m_members && src == m_members && !sourceParent.isValid()) {
        // Fast path: read the row itself, no QVariant and no string built per row.
        const proto::Member &m = m_members->members().at(sourceRow);
        if (m_status && m.status != *m_status)
            return false;
        if (!m_class.isEmpty() && m.className != m_class)
            return false;
        if (m_words.isEmpty())
            return true;
        const QString &detail = m.role == Role::Student ? m.className : m.subject;
        return matchesWords(m.surname, m.name, m.patronymic, detail);
    }

    const QModelIndex first = src->index(sourceRow, 0, sourceParent);
    if (m_status && src->data(first, MemberTableModel::StatusRole).toInt() != int(*m_status))
        return false;
    if (!m_class.isEmpty() && src->data(first, MemberTableModel::ClassRole).toString() != m_class)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString name =
        src->data(src->index(sourceRow, MemberTableModel::FullNameColumn, sourceParent), Qt::DisplayRole).toString();
    const QString detail =
        src->data(src->index(sourceRow, MemberTableModel::DetailColumn, sourceParent), Qt::DisplayRole).toString();
    return matchesWords(name, detail, {}, {});
}

bool MemberFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_members || sortRole() != MemberTableModel::SortKeyRole)
        return QSortFilterProxyModel::lessThan(left, right);
    // The name column: the model's collation ranks, compared directly (no QVariant per comparison).
    const int nameLeft = m_members->nameRank(left.row());
    const int nameRight = m_members->nameRank(right.row());
    if (left.column() == MemberTableModel::FullNameColumn)
        return nameLeft < nameRight;
    // Another column: its sort key (a number or a text); people equal there by name, A to Я in either direction
    // (the proxy swaps the arguments for a descending sort).
    const QVariant a = left.data(MemberTableModel::SortKeyRole);
    const QVariant b = right.data(MemberTableModel::SortKeyRole);
    int order = 0;
    if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString)
        order = a.toString().compare(b.toString(), sortCaseSensitivity());
    else if (const qint64 x = a.toLongLong(), y = b.toLongLong(); x != y)
        order = x < y ? -1 : 1;
    if (order != 0)
        return order < 0;
    return sortOrder() == Qt::AscendingOrder ? nameLeft < nameRight : nameLeft > nameRight;
}

} // namespace sg::ui
