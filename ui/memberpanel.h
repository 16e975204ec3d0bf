#pragma once

#include "core/domain.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace sg::client {
class MemberTableModel;
}

namespace sg::ui {

class MemberFilterProxyModel;

// One table of people (teachers or students) with search, status filter and, at the top right,
// «Подтвердить (N)» / «Отклонить (N)» acting on the selected rows.
class MemberPanel : public QWidget
{
    Q_OBJECT

public:
    MemberPanel(client::MemberTableModel *model, Role role, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    MemberFilterProxyModel *proxy() const { return m_proxy; }
    // Ids of the selected rows, in view order.
    QList<qint64> selectedIds() const;
    // A non-empty reason disables deciding and says why (e.g. the director is not confirmed yet).
    void setLocked(const QString &reason);
    void setBusy(bool busy);
    void retranslate();

signals:
    void approveRequested(const QList<qint64> &ids);
    void rejectRequested(const QList<qint64> &ids);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();

    client::MemberTableModel *m_model;
    Role m_role;
    MemberFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_statusFilter;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_lockLabel;
    QLabel *m_countLabel;
    QTableView *m_view;
    QString m_lockReason;
    bool m_busy = false;
};

} // namespace sg::ui
