#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace sg::client {
class SchoolSession;
}

namespace sg::ui {

// Decisions that met a change by someone else while they waited on this computer: who, the user's decision,
// what the person is on the server now, and the choice — send mine again (on the server's current state) or
// accept the server's.
class ConflictsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConflictsDialog(client::SchoolSession *session, QWidget *parent = nullptr);

    void reload();

private:
    void resolveSelected(bool keepMine);

    client::SchoolSession *m_session;
    QLabel *m_intro;
    QTableWidget *m_table;
    QPushButton *m_keepMine;
    QPushButton *m_acceptServer;
};

} // namespace sg::ui
