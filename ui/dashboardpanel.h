#pragma once

#include "core/domain.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QListWidget;
class QListWidgetItem;
class QScrollArea;
class QTimer;
QT_END_NAMESPACE

namespace sg::client {
class MemberTableModel;
class SchoolSession;
} // namespace sg::client

namespace sg::ui {

// How many people of a group have which status.
struct StatusCounts
{
    int approved = 0;
    int rejected = 0;
    int pending = 0;
    int other = 0; // graduates and people no longer current: nothing to decide

    int total() const { return approved + rejected + pending + other; }
    int decided() const { return approved + rejected; }
    bool operator==(const StatusCounts &) const = default;
};

// Horizontal 100 % stacked bars, one per group: approved / rejected / pending / other, with a legend, the counts
// inside the segments where they fit and the share decided at the right. Drawn with QPainter in the widget's
// logical coordinates and sized from the font, so it is sharp at any device pixel ratio; colours follow the
// palette (light or dark). The accessible description reads all numbers out.
class ConfirmationChart : public QWidget
{
    Q_OBJECT

public:
    enum class Segment { Approved, Rejected, Pending, Other };

    struct Bar
    {
        QString label;
        StatusCounts counts;
        bool heading = false; // a caption row ("By class") without a bar
    };

    explicit ConfirmationChart(QWidget *parent = nullptr);

    void setBars(QList<Bar> bars);
    const QList<Bar> &bars() const { return m_bars; }
    // One line per bar, as the screen reader and the tooltip say it.
    QString describe(const Bar &bar) const;
    static QColor segmentColor(Segment segment, const QPalette &palette);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Metrics
    {
        int margin, legendHeight, rowHeight, barHeight, labelWidth, valueWidth, gap;
    };
    Metrics metrics() const;
    int barAt(const QPoint &pos) const;
    void updateAccessibleText();

    QList<Bar> m_bars;
};

// The overview of a school: how far confirmation has gone for teachers, students and each class, and what needs
// attention now. Follows the session's models; any burst of changes is recomputed once, on the next event loop
// turn.
class DashboardPanel : public QWidget
{
    Q_OBJECT

public:
    struct ClassCounts
    {
        QString className;
        StatusCounts counts;
    };

    // What an item of attentionListWidget is about: in Qt::UserRole (and the class in Qt::UserRole + 1).
    enum class Attention { DirectorNotConfirmed, Unreported, PendingTeachers, PendingClass, Nothing };
    static constexpr int AttentionRole = Qt::UserRole;
    static constexpr int ClassNameRole = Qt::UserRole + 1;

    explicit DashboardPanel(client::SchoolSession *session, QWidget *parent = nullptr);

    // The numbers shown, as of the last recompute.
    StatusCounts counts(Role role) const { return role == Role::Teacher ? m_teachers : m_students; }
    // Students per class, ordered by grade, then letter.
    const QList<ClassCounts> &classCounts() const { return m_classes; }
    int recomputeCount() const { return m_recomputes; }
    ConfirmationChart *chart() const { return m_chart; }
    void retranslate();

signals:
    // An attention item was activated (double click or Enter): open that table, filtered to the class if any.
    void showMembersRequested(sg::Role role, const QString &className);
    // The unreported decisions item: show the report banner / «Отправить отчёт» (do not send without the user).
    void reportRequested();
    void directorRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void scheduleRecompute();
    void recompute();
    void fillAttention();
    void watch(client::MemberTableModel *model);
    void activate(QListWidgetItem *item);

    // The address where teachers and students apply («Заявка в школу»), for the school to pass on; hidden when the
    // server does not give one (it is reachable only from this computer).
    void updateApplyLink();

    client::SchoolSession *m_session;
    QLabel *m_progressTitle;
    QLabel *m_attentionTitle;
    QLabel *m_applyLabel;
    QPushButton *m_copyApply;
    QScrollArea *m_scroll;
    ConfirmationChart *m_chart;
    QListWidget *m_attention;
    QTimer *m_recomputeTimer;
    StatusCounts m_teachers;
    StatusCounts m_students;
    QList<ClassCounts> m_classes;
    int m_recomputes = 0;
};

} // namespace sg::ui
