#pragma once

#include <QDeadlineTimer>
#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace sg::ui {

// «Продолжите вход в браузере»: shown while the person signs in on the Gosuslugi page in the web browser, with a
// running bar, the time left and «Отмена». Closing it any way asks for the sign-in to be cancelled.
class EsiaWaitDialog : public QDialog
{
    Q_OBJECT

public:
    EsiaWaitDialog(QDeadlineTimer deadline, QWidget *parent = nullptr);

    // Stops asking: the sign-in ended, the dialog closes without cancelRequested().
    void finish();

signals:
    void cancelRequested();

public slots:
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateRemaining();

    QDeadlineTimer m_deadline;
    QLabel *m_title;
    QLabel *m_text;
    QProgressBar *m_busy;
    QLabel *m_remaining;
    QPushButton *m_cancel;
    QTimer *m_tick;
    bool m_finished = false;
};

} // namespace sg::ui
