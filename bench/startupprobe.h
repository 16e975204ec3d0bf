#pragma once

#include <QApplication>
#include <QTimer>
#include <QWidget>

namespace sg::bench {

// The baseline of the start-up measurement: a minimal Widgets program that shows one window and quits as soon
// as the event loop has run once after show() — the same exit point SG_EXIT_AFTER_FIRST_SHOW gives the client.
inline int runMinimalStartupProbe(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QWidget window;
    window.setWindowTitle(QStringLiteral("SchoolGate start-up probe"));
    window.resize(480, 360);
    window.show();
    QTimer::singleShot(0, &app, &QCoreApplication::quit);
    return app.exec();
}

} // namespace sg::bench
