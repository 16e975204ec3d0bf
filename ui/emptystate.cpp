#include "emptystate.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QEvent>
#include <QTimer>

namespace sg::ui {

EmptyState::EmptyState(QAbstractItemView *view, std::function<QString()> text)
    : QLabel(view->viewport())
    , m_view(view)
    , m_text(std::move(text))
{
    setObjectName(QStringLiteral("emptyStateLabel"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setForegroundRole(QPalette::PlaceholderText);
    view->viewport()->installEventFilter(this);
    const auto connectModel = [this] {
        QAbstractItemModel *model = m_view ? m_view->model() : nullptr;
        if (!model)
            return;
        // Queued: the model's row count is final once the signal's emitter is done.
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &EmptyState::refresh, Qt::QueuedConnection);
        connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::refresh, Qt::QueuedConnection);
        connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyState::refresh, Qt::QueuedConnection);
    };
    connectModel();
    refresh();
}

void EmptyState::refresh()
{
    if (!m_view)
        return;
    const bool empty = !m_view->model() || m_view->model()->rowCount() == 0;
    const QString text = empty ? m_text() : QString();
    setText(text);
    setAccessibleName(text);
    setVisible(empty && !text.isEmpty());
    place();
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    return QLabel::eventFilter(watched, event);
}

void EmptyState::place()
{
    if (!m_view)
        return;
    const QRect area = m_view->viewport()->rect();
    setGeometry(area.adjusted(16, 16, -16, -16));
}

} // namespace sg::ui
