#pragma once

#include <QLabel>
#include <QPointer>

#include <functional>

class QAbstractItemView;

namespace sg::ui {

// A line of text in the middle of an item view while its model has no rows: «Заявок нет», «Никого не найдено»
// instead of a blank grey area. The text comes from a function, asked again whenever the rows or the language
// change, so it can tell "nothing yet" from "nothing matches the filter". Screen readers read the line as a label
// of its own inside the table.
class EmptyState : public QLabel
{
    Q_OBJECT

public:
    EmptyState(QAbstractItemView *view, std::function<QString()> text);

    // Asks for the text again and shows or hides the line (call after the language or a filter changed).
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QPointer<QAbstractItemView> m_view;
    std::function<QString()> m_text;
};

} // namespace sg::ui
