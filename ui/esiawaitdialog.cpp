#include "esiawaitdialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace sg::ui {

EsiaWaitDialog::EsiaWaitDialog(QDeadlineTimer deadline, QWidget *parent)
    : QDialog(parent)
    , m_deadline(deadline)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_remaining(new QLabel(this))
    , m_cancel(new QPushButton(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("esiaWaitDialog"));
    m_busy->setObjectName(QStringLiteral("esiaBusyProgressBar"));
    m_remaining->setObjectName(QStringLiteral("esiaRemainingLabel"));
    m_cancel->setObjectName(QStringLiteral("esiaCancelButton"));
    setModal(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_text->setWordWrap(true);
    m_busy->setRange(0, 0); // running, no percentage
    m_busy->setTextVisible(false);
    m_remaining->setProperty("hint", true);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_busy);
    layout->addWidget(m_remaining);
    layout->addLayout(buttons);
    setMinimumWidth(420);

    connect(m_cancel, &QPushButton::clicked, this, &EsiaWaitDialog::reject);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &EsiaWaitDialog::updateRemaining);
    m_tick->start();
    retranslate();
}

void EsiaWaitDialog::finish()
{
    m_finished = true;
    m_tick->stop();
    QDialog::accept();
}

void EsiaWaitDialog::reject()
{
    if (!m_finished) {
        m_finished = true;
        m_tick->stop();
        emit cancelRequested();
    }
    QDialog::reject();
}

void EsiaWaitDialog::updateRemaining()
{
    const qint64 secs = (std::max<qint64>(0, m_deadline.remainingTime()) + 999) / 1000;
    m_remaining->setText(tr("Time left: %1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0')));
}

void EsiaWaitDialog::retranslate()
{
    setWindowTitle(tr("Sign in with Gosuslugi"));
    m_title->setText(tr("Continue signing in in the browser"));
    m_text->setText(tr("The Gosuslugi sign-in page has opened in your web browser. Sign in there; SchoolGate "
                       "continues by itself once you are done. If the page did not open, cancel and try again."));
    m_busy->setAccessibleName(tr("Waiting for the browser"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel signing in with Gosuslugi"));
    updateRemaining();
}

void EsiaWaitDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace sg::ui
