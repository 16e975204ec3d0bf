#include "screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace sg::ui {

namespace {

QScreen *screenOf(const QWidget *window)
{
    if (QScreen *s = window->screen())
        return s;
    return QGuiApplication::primaryScreen();
}

// The frame's share of a window: measured once it is shown, estimated before (a title bar and thin borders).
QMargins frameMargins(const QWidget *window)
{
    if (window->isVisible()) {
        const QRect frame = window->frameGeometry();
        const QRect inner = window->geometry();
        if (frame.contains(inner) && frame != inner)
            return {inner.left() - frame.left(), inner.top() - frame.top(), frame.right() - inner.right(),
                frame.bottom() - inner.bottom()};
    }
    const int title = window->fontMetrics().height() * 2 + 4;
    return {4, title, 4, 4};
}

} // namespace

QSize fittedSize(const QWidget *window, QSize preferred)
{
    QScreen *screen = screenOf(window);
    if (!screen)
        return preferred;
    const QMargins frame = frameMargins(window);
    const QSize room =
        screen->availableGeometry().size() - QSize(frame.left() + frame.right(), frame.top() + frame.bottom());
    return preferred.boundedTo(room).expandedTo(window->minimumSize());
}

void restoreOrFit(QWidget *window, const QByteArray &saved, QSize preferred)
{
    if (!saved.isEmpty() && window->restoreGeometry(saved)) {
        // Saved on a larger screen (or another monitor arrangement): keep it only if it still fits.
        QScreen *screen = screenOf(window);
        const QMargins frame = frameMargins(window);
        if (!screen || screen->availableGeometry().contains(window->geometry().marginsAdded(frame)))
            return;
        if (window->isMaximized() || window->isFullScreen())
            return;
    }
    const QSize size = fittedSize(window, preferred);
    window->resize(size);
    if (QScreen *screen = screenOf(window)) {
        const QRect area = screen->availableGeometry();
        const QSize outer = size.grownBy(frameMargins(window));
        // move() places a top-level window's frame, title bar included.
        window->move(area.left() + std::max(0, (area.width() - outer.width()) / 2),
            area.top() + std::max(0, (area.height() - outer.height()) / 2));
    }
}

void keepInsideScreen(QWidget *window)
{
    if (!window->isVisible() || window->isMaximized() || window->isFullScreen())
        return;
    QScreen *screen = screenOf(window);
    if (!screen)
        return;
    const QRect area = screen->availableGeometry();
    QRect frame = window->frameGeometry();
    if (area.contains(frame))
        return;
    const QMargins margins = frameMargins(window);
    const QSize inner = window->size().boundedTo(area.size().shrunkBy(margins)).expandedTo(window->minimumSize());
    if (inner != window->size()) {
        window->resize(inner);
        frame.setSize(inner.grownBy(margins));
    }
    const int x = std::clamp(frame.left(), area.left(), std::max(area.left(), area.right() - frame.width() + 1));
    const int y = std::clamp(frame.top(), area.top(), std::max(area.top(), area.bottom() - frame.height() + 1));
    window->move(x, y); // the frame's top-left corner
}

} // namespace sg::ui
