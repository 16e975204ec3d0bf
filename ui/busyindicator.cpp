#include "busyindicator.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace sg::ui {

BusyIndicator::BusyIndicator(QWidget *parent)
    : QWidget(parent)
    , m_delay(new QTimer(this))
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    m_bar->setObjectName(QStringLiteral("busyProgressBar"));
    m_cancel->setObjectName(QStringLiteral("cancelOperationButton"));
    m_bar->setRange(0, 0); // how long the server takes is not known: a running bar
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(140);
    m_bar->setMaximumHeight(14);
    m_cancel->setFlat(true);
    m_delay->setSingleShot(true);
    m_delay->setInterval(kShowDelayMs);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_delay, &QTimer::timeout, this, [this] { setVisible(isBusy()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false); // one press is enough; idle re-enables
        emit cancelRequested();
    });
    setVisible(false);
    retranslate();
}

void BusyIndicator::setBusy(const QObject *source, bool busy)
{
    const bool wasBusy = isBusy();
    if (busy)
        m_busy.insert(source, true);
    else
        m_busy.remove(source);
    update();
    if (wasBusy && !isBusy())
        emit idle();
}

void BusyIndicator::setProgress(int done, int total)
{
    if (total <= 0) {
        m_bar->setRange(0, 0);
        m_bar->setTextVisible(false);
        return;
    }
    m_bar->setRange(0, total);
    m_bar->setValue(std::clamp(done, 0, total));
    m_bar->setFormat(QStringLiteral("%v / %m"));
    m_bar->setTextVisible(true);
}

void BusyIndicator::update()
{
    if (isBusy()) {
        if (!isVisible() && !m_delay->isActive())
            m_delay->start();
    } else {
        m_delay->stop();
        m_cancel->setEnabled(true);
        setProgress(0, 0);
        setVisible(false);
    }
}

void BusyIndicator::retranslate()
{
    m_label->setText(tr("Talking to the server…"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel the operation"));
    m_bar->setAccessibleName(tr("Operation in progress"));
}

void BusyIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
