#pragma once

#include <QHash>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace sg::ui {

// The status bar's "working…" area: appears when something has been talking to the server for longer than a
// moment, with a running bar and «Отмена». Several sources (the session, the report archive, the director
// session) report busy/idle; the area stays while any of them is busy.
class BusyIndicator : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kShowDelayMs = 400;

    explicit BusyIndicator(QWidget *parent = nullptr);

    void setBusy(const QObject *source, bool busy);
    // Known progress (a sync: items sent of all); total 0 goes back to a running bar.
    void setProgress(int done, int total);
    bool isBusy() const { return !m_busy.isEmpty(); }
    void retranslate();

signals:
    void cancelRequested();
    // Every source is idle again.
    void idle();

protected:
    void changeEvent(QEvent *event) override;

private:
    void update();

    QHash<const QObject *, bool> m_busy;
    QTimer *m_delay;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace sg::ui
