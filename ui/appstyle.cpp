#include "appstyle.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QPushButton>
#include <QStyle>
#include <QStyleFactory>

namespace sg::ui {

namespace {

class RemeasureOnEnable final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::EnabledChange) {
            // A button keeps its size hint across an enabled change; polishing again makes the style sheet's rules
            // for the new state apply and the hint be measured again.
            if (auto *button = qobject_cast<QPushButton *>(watched)) {
                QStyle *style = button->style();
                style->unpolish(button);
                style->polish(button);
                button->updateGeometry();
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void applyAppStyle(QApplication &app)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (QFile qss(QStringLiteral(":/style/schoolgate.qss")); qss.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(qss.readAll()));
    app.installEventFilter(new RemeasureOnEnable(&app));
}

} // namespace sg::ui
