#include "dashboardpanel.h"

#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "memberfilterproxymodel.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace sg::ui {

using client::MemberTableModel;

namespace {

constexpr std::array kSegments{ConfirmationChart::Segment::Approved, ConfirmationChart::Segment::Rejected,
    ConfirmationChart::Segment::Pending, ConfirmationChart::Segment::Other};

int countOf(const StatusCounts &c, ConfirmationChart::Segment segment)
{
    switch (segment) {
    case ConfirmationChart::Segment::Approved: return c.approved;
    case ConfirmationChart::Segment::Rejected: return c.rejected;
    case ConfirmationChart::Segment::Pending: return c.pending;
    case ConfirmationChart::Segment::Other: return c.other;
    }
    return 0;
}

void addStatus(StatusCounts &c, MemberStatus status)
{
    switch (status) {
    case MemberStatus::Approved: ++c.approved; break;
    case MemberStatus::Rejected: ++c.rejected; break;
    case MemberStatus::Pending: ++c.pending; break;
    case MemberStatus::Graduate:
    case MemberStatus::NotCurrent: ++c.other; break;
    }
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Black or white, whichever reads better on `background`.
QColor textOn(const QColor &background)
{
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

// ---- ConfirmationChart --------------------------------------------------------------------------------------------

ConfirmationChart::ConfirmationChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    updateAccessibleText();
}

QColor ConfirmationChart::segmentColor(Segment segment, const QPalette &palette)
{
    // Tones chosen to keep contrast with both a light and a dark window background.
    const bool dark = isDark(palette);
    switch (segment) {
    case Segment::Approved: return dark ? QColor(0x4c, 0xb8, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case Segment::Rejected: return dark ? QColor(0xef, 0x6c, 0x6c) : QColor(0xc6, 0x28, 0x28);
    case Segment::Pending: return dark ? QColor(0xf0, 0xc0, 0x40) : QColor(0xf2, 0xa9, 0x00);
    case Segment::Other: return dark ? QColor(0x6e, 0x7f, 0x8a) : QColor(0xb8, 0xc4, 0xcc);
    }
    return palette.color(QPalette::Mid);
}

void ConfirmationChart::setBars(QList<Bar> bars)
{
    m_bars = std::move(bars);
    updateAccessibleText();
    updateGeometry();
    update();
}

QString ConfirmationChart::describe(const Bar &bar) const
{
    if (bar.heading)
        return bar.label;
    const StatusCounts &c = bar.counts;
    return tr("%1: %2 approved, %3 rejected, %4 pending, %5 other (of %6)")
        .arg(bar.label)
        .arg(c.approved)
        .arg(c.rejected)
        .arg(c.pending)
        .arg(c.other)
        .arg(c.total());
}

void ConfirmationChart::updateAccessibleText()
{
    setAccessibleName(tr("Confirmation progress"));
    QStringList lines;
    lines.reserve(m_bars.size());
    for (const Bar &bar : std::as_const(m_bars))
        lines.append(describe(bar));
    setAccessibleDescription(lines.isEmpty() ? tr("No people loaded yet.") : lines.join(QLatin1Char('\n')));
}

ConfirmationChart::Metrics ConfirmationChart::metrics() const
{
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    Metrics m{};
    m.margin = fm.height() / 2;
    m.gap = fm.horizontalAdvance(QLatin1Char('M'));
    m.barHeight = fm.height() + fm.height() / 2;
    m.rowHeight = m.barHeight + fm.height() / 2;
    m.legendHeight = fm.height() * 2;
    m.labelWidth = fm.horizontalAdvance(QStringLiteral("11Б"));
    for (const Bar &bar : m_bars) {
        if (!bar.heading)
            m.labelWidth = std::max(m.labelWidth, fm.horizontalAdvance(bar.label));
    }
    m.valueWidth = std::max(
        boldFm.horizontalAdvance(QLocale().toString(100) + QLocale().percent()), fm.horizontalAdvance(tr("decided")));
    return m;
}

QSize ConfirmationChart::sizeHint() const
{
    const Metrics m = metrics();
    const int rows = std::max<int>(1, int(m_bars.size()));
    return {m.margin * 2 + m.labelWidth + m.valueWidth + m.gap * 2 + fontMetrics().averageCharWidth() * 50,
        m.margin * 2 + m.legendHeight + rows * m.rowHeight};
}

QSize ConfirmationChart::minimumSizeHint() const
{
    // Every row at full height: in a scroll area that scrolls rather than squeezing the bars.
    const Metrics m = metrics();
    return {m.margin * 2 + m.labelWidth + m.valueWidth + m.gap * 2 + fontMetrics().averageCharWidth() * 16,
        sizeHint().height()};
}

int ConfirmationChart::barAt(const QPoint &pos) const
{
    const Metrics m = metrics();
    const int y = pos.y() - m.margin - m.legendHeight;
    if (y < 0)
        return -1;
    const int row = y / m.rowHeight;
    return row < int(m_bars.size()) && !m_bars.at(row).heading ? row : -1;
}

bool ConfirmationChart::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = barAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), describe(m_bars.at(row)), this);
        else
            QToolTip::hideText();
        return true;
    }
    case QEvent::FontChange:
    case QEvent::LanguageChange:
        updateAccessibleText();
        updateGeometry();
        break;
    default: break;
    }
    return QWidget::event(event);
}

void ConfirmationChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Metrics m = metrics();
    const QFontMetrics fm = fontMetrics();
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QFont bold = font();
    bold.setBold(true);

    const int barLeft = m.margin + m.labelWidth + m.gap;
    const int barWidth = std::max(10, width() - barLeft - m.gap - m.valueWidth - m.margin);
    const QLocale locale;

    // Legend, aligned with the bars.
    {
        const int swatch = fm.ascent();
        int x = barLeft;
        const int y = m.margin + (m.legendHeight - fm.height()) / 2;
        const std::array<QString, 4> names{tr("Approved"), tr("Rejected"), tr("Pending"), tr("Other")};
        for (size_t i = 0; i < kSegments.size(); ++i) {
            const QRectF box(x, y + (fm.height() - swatch) / 2.0, swatch, swatch);
            p.setPen(QPen(pal.color(QPalette::Mid), 1));
            p.setBrush(segmentColor(kSegments[i], pal));
            p.drawRoundedRect(box, 2, 2);
            x += swatch + m.gap / 3;
            p.setPen(text);
            p.drawText(QRect(x, y, fm.horizontalAdvance(names[i]) + 2, fm.height()), Qt::AlignVCenter, names[i]);
            x += fm.horizontalAdvance(names[i]) + m.gap;
        }
        // What the percentages at the right mean.
        p.setPen(text);
        p.drawText(QRect(barLeft + barWidth + m.gap, y, m.valueWidth, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
            tr("decided"));
    }

    if (m_bars.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(barLeft, m.margin + m.legendHeight, barWidth, m.rowHeight), Qt::AlignVCenter,
            tr("No people loaded yet."));
        return;
    }

    int y = m.margin + m.legendHeight;
    for (const Bar &bar : m_bars) {
        if (bar.heading) {
            p.setFont(bold);
            p.setPen(text);
            p.drawText(
                QRect(m.margin, y, width() - 2 * m.margin, m.rowHeight), Qt::AlignLeft | Qt::AlignBottom, bar.label);
            p.setFont(font());
            y += m.rowHeight;
            continue;
        }
        p.setPen(text);
        p.drawText(QRect(m.margin, y, m.labelWidth, m.rowHeight), Qt::AlignLeft | Qt::AlignVCenter, bar.label);

        const QRectF barRect(barLeft, y + (m.rowHeight - m.barHeight) / 2.0, barWidth, m.barHeight);
        QPainterPath outline;
        outline.addRoundedRect(barRect, 3, 3);
        const int total = bar.counts.total();
        if (total > 0) {
            p.save();
            p.setClipPath(outline);
            int cumulative = 0;
            for (const Segment segment : kSegments) {
                const int count = countOf(bar.counts, segment);
                if (count == 0)
                    continue;
                // Edges from the cumulative share, so rounding never leaves a gap or overflows.
                const double x0 = barRect.left() + barRect.width() * cumulative / total;
                cumulative += count;
                const double x1 = barRect.left() + barRect.width() * cumulative / total;
                const QRectF part(x0, barRect.top(), x1 - x0, barRect.height());
                const QColor fill = segmentColor(segment, pal);
                p.fillRect(part, fill);
                if (segment == Segment::Rejected) { // not by colour alone: rejected is also hatched
                    const QColor hatch =
                        textOn(fill) == QColor(Qt::white) ? QColor(255, 255, 255, 80) : QColor(0, 0, 0, 60);
                    p.fillRect(part, QBrush(hatch, Qt::BDiagPattern));
                }
                if (x0 > barRect.left()) {
                    p.setPen(QPen(pal.color(QPalette::Base), 1.5));
                    p.drawLine(QPointF(x0, barRect.top()), QPointF(x0, barRect.bottom()));
                }
                const QString number = locale.toString(count);
                if (fm.horizontalAdvance(number) + 8 <= part.width()) {
                    p.setPen(textOn(fill));
                    p.drawText(part, Qt::AlignCenter, number);
                }
            }
            p.restore();
        }
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(Qt::NoBrush);
        p.drawPath(outline);

        const int toDecide = total - bar.counts.other;
        const QString share = toDecide > 0
            ? locale.toString(qRound(100.0 * bar.counts.decided() / toDecide)) + locale.percent()
            : QStringLiteral("—");
        p.setFont(bold);
        p.setPen(text);
        p.drawText(QRect(int(barRect.right()) + m.gap, y, m.valueWidth, m.rowHeight), Qt::AlignRight | Qt::AlignVCenter,
            share);
        p.setFont(font());
        y += m.rowHeight;
    }
}

// ---- DashboardPanel -----------------------------------------------------------------------------------------------

DashboardPanel::DashboardPanel(client::SchoolSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_progressTitle(new QLabel(this))
    , m_attentionTitle(new QLabel(this))
    , m_applyLabel(new QLabel(this))
    , m_copyApply(new QPushButton(this))
    , m_scroll(new QScrollArea(this))
    , m_chart(new ConfirmationChart)
    , m_attention(new QListWidget(this))
    , m_recomputeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardPanel"));
    m_progressTitle->setObjectName(QStringLiteral("progressTitleLabel"));
    m_attentionTitle->setObjectName(QStringLiteral("attentionTitleLabel"));
    m_scroll->setObjectName(QStringLiteral("progressScrollArea"));
    m_chart->setObjectName(QStringLiteral("confirmationChart"));
    m_attention->setObjectName(QStringLiteral("attentionListWidget"));

    for (QLabel *title : {m_progressTitle, m_attentionTitle}) {
        QFont f = title->font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.15);
        title->setFont(f);
    }
    m_progressTitle->setBuddy(m_chart);
    m_attentionTitle->setBuddy(m_attention);
    m_scroll->setWidget(m_chart);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_attention->setWordWrap(true);
    m_attention->setUniformItemSizes(false);
    m_attention->setAlternatingRowColors(false);
    m_attention->setSpacing(2);
    const int icon = m_attention->fontMetrics().height();
    m_attention->setIconSize(QSize(icon, icon));

    auto *left = new QVBoxLayout;
    left->addWidget(m_progressTitle);
    left->addWidget(m_scroll, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_attentionTitle);
    right->addWidget(m_attention, 1);
    m_applyLabel->setObjectName(QStringLiteral("applyLinkLabel"));
    m_applyLabel->setWordWrap(true);
    m_applyLabel->setTextFormat(Qt::RichText);
    m_applyLabel->setOpenExternalLinks(true);
    m_applyLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_copyApply->setObjectName(QStringLiteral("copyApplyLinkButton"));
    connect(m_copyApply, &QPushButton::clicked, this, [this] {
        const auto &school = m_session->school();
        if (school && !school->applyUrl.isEmpty())
            QGuiApplication::clipboard()->setText(school->applyUrl);
    });
    auto *apply = new QHBoxLayout;
    apply->addWidget(m_applyLabel, 1);
    apply->addWidget(m_copyApply, 0, Qt::AlignTop);
    right->addLayout(apply);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addLayout(left, 3);
    layout->addSpacing(12);
    layout->addLayout(right, 2);

    // Any number of model signals in one event loop turn make one recompute.
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(0);
    connect(m_recomputeTimer, &QTimer::timeout, this, &DashboardPanel::recompute);
    watch(session->teachers());
    watch(session->students());
    connect(session, &client::SchoolSession::unreportedChanged, this, &DashboardPanel::scheduleRecompute);
    connect(session, &client::SchoolSession::membersLoaded, this, &DashboardPanel::scheduleRecompute);
    connect(session, &client::SchoolSession::busyChanged, this, &DashboardPanel::scheduleRecompute);
    connect(session, &client::SchoolSession::signedIn, this, &DashboardPanel::scheduleRecompute);
    connect(session, &client::SchoolSession::signedOut, this, &DashboardPanel::scheduleRecompute);
    connect(m_attention, &QListWidget::itemActivated, this, &DashboardPanel::activate);

    retranslate();
}

void DashboardPanel::watch(MemberTableModel *model)
{
    connect(model, &QAbstractItemModel::modelReset, this, &DashboardPanel::scheduleRecompute);
    connect(model, &QAbstractItemModel::dataChanged, this, &DashboardPanel::scheduleRecompute);
    connect(model, &QAbstractItemModel::rowsInserted, this, &DashboardPanel::scheduleRecompute);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DashboardPanel::scheduleRecompute);
}

void DashboardPanel::scheduleRecompute()
{
    if (!m_recomputeTimer->isActive())
        m_recomputeTimer->start();
}

void DashboardPanel::recompute()
{
    m_recomputeTimer->stop();
    ++m_recomputes;

    StatusCounts teachers;
    for (const proto::Member &m : m_session->teachers()->members())
        addStatus(teachers, m.status);
    StatusCounts students;
    QHash<QString, StatusCounts> byClass;
    for (const proto::Member &m : m_session->students()->members()) {
        addStatus(students, m.status);
        if (!m.className.isEmpty())
            addStatus(byClass[m.className], m.status);
    }
    QList<ClassCounts> classes;
    classes.reserve(byClass.size());
    for (auto it = byClass.cbegin(); it != byClass.cend(); ++it)
        classes.append({it.key(), it.value()});
    std::sort(classes.begin(), classes.end(),
        [](const ClassCounts &a, const ClassCounts &b) { return classNameLess(a.className, b.className); });
    m_teachers = teachers;
    m_students = students;
    m_classes = std::move(classes);

    QList<ConfirmationChart::Bar> bars;
    if (m_teachers.total() > 0)
        bars.append({tr("Teachers"), m_teachers, false});
    if (m_students.total() > 0)
        bars.append({tr("Students"), m_students, false});
    if (!m_classes.isEmpty()) {
        bars.append({tr("Students by class"), {}, true});
        for (const ClassCounts &c : std::as_const(m_classes))
            bars.append({c.className, c.counts, false});
    }
    m_chart->setBars(std::move(bars));
    fillAttention();
    updateApplyLink();
}

void DashboardPanel::updateApplyLink()
{
    const auto &user = m_session->user();
    const auto &school = m_session->school();
    const bool shown = user && user->role == Role::School && school && !school->applyUrl.isEmpty();
    m_applyLabel->setVisible(shown);
    m_copyApply->setVisible(shown);
    if (!shown)
        return;
    const QString url = school->applyUrl;
    // The address on a line of its own, kept whole where it fits (rich text would break it after "https://").
    const QString link = QStringLiteral("<br><a href=\"%1\"%3>%2</a>")
                             .arg(url.toHtmlEscaped(), url.toHtmlEscaped(),
                                 url.size() <= 60 ? QStringLiteral(" style=\"white-space:nowrap\"") : QString());
    m_applyLabel->setText(tr("Teachers and students can apply to the school themselves: %1").arg(link));
    m_applyLabel->setAccessibleName(tr("Where teachers and students apply: %1").arg(url));
    m_applyLabel->setToolTip(tr("Give this address to teachers and students: they apply, confirm their e-mail, and "
                                "wait in the lists of people to confirm."));
    m_copyApply->setText(tr("Copy the address"));
}

void DashboardPanel::fillAttention()
{
    // Keep the user's place in the list across refills.
    int keptKind = -1;
    QString keptClass;
    if (const QListWidgetItem *current = m_attention->currentItem()) {
        keptKind = current->data(AttentionRole).toInt();
        keptClass = current->data(ClassNameRole).toString();
    }

    m_attention->clear();
    const auto add = [this](Attention kind, QStyle::StandardPixmap icon, const QString &text,
                         const QString &className = {}) {
        auto *item = new QListWidgetItem(style()->standardIcon(icon), text, m_attention);
        item->setData(AttentionRole, int(kind));
        item->setData(ClassNameRole, className);
        item->setToolTip(kind == Attention::Nothing ? QString() : tr("Double-click or press Enter to open"));
    };

    const auto &user = m_session->user();
    const auto &school = m_session->school();
    if (user && user->role == Role::School && school && school->directorStatus != QLatin1String("confirmed"))
        add(Attention::DirectorNotConfirmed, QStyle::SP_MessageBoxWarning,
            tr("The director is not confirmed yet: teachers and students can be confirmed only after that."));
    // The school sends the reports (the programme's rule): a teacher is told what happens to his decisions, never
    // asked to do what only the school can.
    if (const int n = m_session->unreportedDecisions(); n > 0) {
        if (user && user->role == Role::School)
            add(Attention::Unreported, QStyle::SP_MessageBoxWarning,
                tr("%n decision(s) not reported yet. Send a report.", nullptr, n));
        else
            add(Attention::Nothing, QStyle::SP_MessageBoxInformation,
                tr("%n decision(s) not reported yet: the school includes them in its next report.", nullptr, n));
    }
    if (m_teachers.pending > 0)
        add(Attention::PendingTeachers, QStyle::SP_MessageBoxInformation,
            tr("%n teacher(s) wait for a decision", nullptr, m_teachers.pending));
    QList<ClassCounts> waiting;
    for (const ClassCounts &c : std::as_const(m_classes)) {
        if (c.counts.pending > 0)
            waiting.append(c);
    }
    std::stable_sort(waiting.begin(), waiting.end(),
        [](const ClassCounts &a, const ClassCounts &b) { return a.counts.pending > b.counts.pending; });
    for (const ClassCounts &c : std::as_const(waiting))
        add(Attention::PendingClass, QStyle::SP_MessageBoxInformation,
            tr("%1: %n student(s) wait for a decision", nullptr, c.counts.pending).arg(c.className), c.className);
    // Empty lists while the session is still fetching them are not "all done".
    const bool loading = m_session->isBusy() && m_teachers.total() == 0 && m_students.total() == 0;
    if (m_attention->count() == 0 && loading)
        add(Attention::Nothing, QStyle::SP_BrowserReload, tr("Loading the lists of teachers and students…"));
    else if (m_attention->count() == 0)
        add(Attention::Nothing, QStyle::SP_DialogApplyButton,
            m_session->isSignedIn() ? tr("Nothing needs attention: every decision is made and reported.")
                                    : tr("Not signed in."));

    for (int i = 0; keptKind >= 0 && i < m_attention->count(); ++i) {
        const QListWidgetItem *item = m_attention->item(i);
        if (item->data(AttentionRole).toInt() == keptKind && item->data(ClassNameRole).toString() == keptClass) {
            m_attention->setCurrentRow(i);
            break;
        }
    }
}

void DashboardPanel::activate(QListWidgetItem *item)
{
    if (!item)
        return;
    switch (Attention(item->data(AttentionRole).toInt())) {
    case Attention::DirectorNotConfirmed: emit directorRequested(); break;
    case Attention::Unreported: emit reportRequested(); break;
    case Attention::PendingTeachers: emit showMembersRequested(Role::Teacher, QString()); break;
    case Attention::PendingClass: emit showMembersRequested(Role::Student, item->data(ClassNameRole).toString()); break;
    case Attention::Nothing: break;
    }
}

void DashboardPanel::retranslate()
{
    m_progressTitle->setText(tr("How far confirmation has gone"));
    m_attentionTitle->setText(tr("Needs attention"));
    m_attention->setAccessibleName(tr("Needs attention"));
    m_scroll->setAccessibleName(tr("Confirmation progress"));
    recompute();
}

void DashboardPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
