#pragma once

class QApplication;

namespace sg::ui {

// The client's look: the Fusion style and the style sheet (resources/style/schoolgate.qss). The style sheet gives
// some buttons more padding or a bold label only while they are enabled; Qt does not re-measure a widget when a
// pseudo-state such as :enabled changes, so a button enabled after its window was laid out would keep the size of
// its disabled state and cut its label («тправить отчёт (3»). Every push button is therefore polished again and
// re-measured when it is enabled or disabled.
void applyAppStyle(QApplication &app);

} // namespace sg::ui
