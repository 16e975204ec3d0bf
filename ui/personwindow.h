#pragma once

#include "core/protocol.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace sg::client {
class ApiClient;
} // namespace sg::client

namespace sg::ui {

// The window of a person whose account has no work in the cabinet: a student (or a parent). It says who is signed
// in and where their own record in the school stands (waiting, confirmed with the class, not confirmed with the
// reason, graduated), and what, if anything, there is to do; «Обновить» asks the server again, «Выйти» signs out.
class PersonWindow : public QWidget
{
    Q_OBJECT

public:
    PersonWindow(client::ApiClient *api, const proto::UserInfo &user, QWidget *parent = nullptr);

    // Asks the server for the person's record (GET /api/v1/me) and shows it.
    void refresh();
    // The text shown about the record, for tests and screen readers.
    QString statusText() const;
    void retranslate();

    // What the window says about a record (none: the account has no record in a school).
    static QString describe(
        const proto::UserInfo &user, const QString &schoolName, const std::optional<proto::Membership> &membership);

signals:
    void signOutRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRecord(const QString &schoolName, const std::optional<proto::Membership> &membership);

    client::ApiClient *m_api;
    proto::UserInfo m_user;
    QString m_schoolName;
    std::optional<proto::Membership> m_membership;
    bool m_loaded = false;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_note;
    QPushButton *m_refresh;
    QPushButton *m_signOut;
};

} // namespace sg::ui
