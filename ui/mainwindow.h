#pragma once

#include "core/domain.h"

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTabWidget;
QT_END_NAMESPACE

namespace sg::client {
class SchoolSession;
}

namespace sg::ui {

class MemberPanel;
class Prompter;

// The school's workspace after sign-in: who and where, the report banner, teachers and students.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(client::SchoolSession *session, Prompter *prompter, QWidget *parent = nullptr);

    MemberPanel *teachersPanel() const { return m_teachersPanel; }
    MemberPanel *studentsPanel() const { return m_studentsPanel; }
    void retranslate();

signals:
    void signOutRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void decide(MemberPanel *panel, const QList<qint64> &ids, Verdict verdict);
    void sendReport();
    void updateHeader();
    void updateReportBanner();
    void updateLocks();
    void updateTabTitles();
    void showStatus(const QString &text, int timeoutMs = 8000);

    client::SchoolSession *m_session;
    Prompter *m_prompter;
    QLabel *m_schoolLabel;
    QLabel *m_userLabel;
    QLabel *m_directorLabel;
    QPushButton *m_signOut;
    QLabel *m_unreportedLabel;
    QPushButton *m_sendReport;
    QTabWidget *m_tabs;
    MemberPanel *m_teachersPanel = nullptr;
    MemberPanel *m_studentsPanel;
    QLabel *m_connectionLabel;
};

} // namespace sg::ui
