#pragma once

#include "core/protocol.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace sg::client {
class ApiClient;
} // namespace sg::client

namespace sg::ui {

class EmptyState;

// The support operator's list of applications «Заявка в школу» of every school: who applied where, as what, when,
// and where each stands (the e-mail not confirmed yet, waiting for the school, confirmed, rejected with the
// reason). Sortable by every column, filtered by any text (a school, a name, an e-mail); «Обновить» asks again.
class ApplicationsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { SchoolColumn, RoleColumn, NameColumn, EmailColumn, CreatedColumn, StatusColumn, ColumnCount };

    explicit ApplicationsDialog(client::ApiClient *api, QWidget *parent = nullptr);

    void refresh();
    // Shows these applications (refresh() does it with the server's answer).
    void setApplications(const QList<proto::Application> &applications);
    QTableView *view() const { return m_view; }
    // Rows shown after the filter.
    int shownCount() const;
    // What the status column says for an application's status.
    static QString statusText(const QString &status, const QString &reason);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateCount();

    client::ApiClient *m_api;
    QList<proto::Application> m_applications;
    bool m_loaded = false;
    QLabel *m_filterLabel;
    QLineEdit *m_filter;
    QLabel *m_count;
    QLabel *m_error;
    QTableView *m_view;
    EmptyState *m_empty = nullptr;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QPushButton *m_refresh;
    QPushButton *m_close;
};

} // namespace sg::ui
