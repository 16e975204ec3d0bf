#pragma once

#include "core/domain.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QKeyEvent;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
QT_END_NAMESPACE

namespace sg::client {
class MemberTableModel;
}

namespace sg::ui {

class MemberFilterProxyModel;

// One table of people (teachers or students) with search, status and class filters and, at the top right,
// «Выбрать все», «Отменить (N)», «Подтвердить (N)» / «Отклонить (N)» acting on the selected rows.
//
// Keyboard triage in the table: Ctrl+Enter or + approves the selected rows, Delete or - rejects them,
// Ctrl+Z asks to undo the last batch, Ctrl+A selects every row shown. After a decision the next row that is
// still pending becomes current and selected, so the list can be worked through from the keyboard.
// Column widths (and the sort column) are remembered per table in QSettings under "tables/<view name>/header".
class MemberPanel : public QWidget
{
    Q_OBJECT

public:
    MemberPanel(client::MemberTableModel *model, Role role, QWidget *parent = nullptr);
    ~MemberPanel() override;

    QTableView *view() const { return m_view; }
    MemberFilterProxyModel *proxy() const { return m_proxy; }
    Role role() const { return m_role; }
    // Ids of the selected rows, in view order.
    QList<qint64> selectedIds() const;
    // A non-empty reason disables deciding and says why (e.g. the director is not confirmed yet).
    void setLocked(const QString &reason);
    void setBusy(bool busy);
    // Whether «Отменить» can take back the last batch, and how many decisions it holds (SchoolSession::canUndo(),
    // SchoolSession::undoSize()).
    void setUndoAvailable(bool available, int count);
    // Shows only this class (students); an empty name shows all. False if the class is not in the table.
    bool setClassFilter(const QString &className);
    // Selects every row the filters let through, as one selection.
    void selectAllShown();
    // Ctrl+F: the cursor in the search field, its text selected.
    void focusSearch();
    void retranslate();

    // Where the column widths of `view` are remembered.
    static QString headerSettingsKey(const QTableView *view);

signals:
    void approveRequested(const QList<qint64> &ids);
    void rejectRequested(const QList<qint64> &ids);
    void undoRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class KeyAction { None, Approve, Reject, Undo, SelectAll };
    static KeyAction keyAction(const QKeyEvent *event);

    void updateButtons();
    void updateToolTips();
    void setColumnTitles();
    void refreshClasses();
    // Emits approveRequested/rejectRequested for the selection; if the request was taken up, moves on to the
    // next pending row.
    void requestDecision(Verdict verdict);
    void selectNextUndecided(int afterRow);
    bool isUndecided(int proxyRow) const;
    int selectedRowCount() const;
    bool canDecide() const;
    void restoreHeaderState();
    void saveHeaderState();

    client::MemberTableModel *m_model;
    Role m_role;
    MemberFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_statusFilter;
    QComboBox *m_classFilter;
    class EmptyState *m_emptyState = nullptr;
    QPushButton *m_selectAll;
    QPushButton *m_undo;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_lockLabel;
    QLabel *m_countLabel;
    QTableView *m_view;
    QTimer *m_headerSaveTimer;
    QString m_lockReason;
    bool m_busy = false;
    bool m_undoAvailable = false;
    int m_undoCount = 0;
};

} // namespace sg::ui
