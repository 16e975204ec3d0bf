#pragma once

#include <QByteArray>
#include <QSize>

class QWidget;

namespace sg::ui {

// Windows that open inside the screen they appear on, from 1024×600 to 4K at any scaling.

// The size a window opens at: `preferred`, or less where the available area of its screen (without task bars and
// docks) is smaller, keeping room for the window frame and title bar; never less than the window's minimum size.
QSize fittedSize(const QWidget *window, QSize preferred);

// Restores the geometry saved with QWidget::saveGeometry() when there is one and it still fits the screens there
// are; otherwise opens at fittedSize(preferred), centred on the screen's available area.
void restoreOrFit(QWidget *window, const QByteArray &saved, QSize preferred);

// For a window that is shown: moves and, if needed, shrinks it so that its frame (title bar included, as the window
// manager drew it) lies inside the available area of its screen. Does nothing to a maximised or full-screen window.
void keepInsideScreen(QWidget *window);

} // namespace sg::ui
