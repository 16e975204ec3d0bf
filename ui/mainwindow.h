#pragma once

#include "core/domain.h"

#include <QMainWindow>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;
class QTimer;
QT_END_NAMESPACE

namespace sg::client {
class DirectorSession;
class ReportArchive;
class SchoolSession;
} // namespace sg::client

namespace sg::ui {

class BusyIndicator;
class DashboardPanel;
class DirectorPanel;
class Exporter;
class ReportsPanel;
class MemberPanel;
class Prompter;

// The school's workspace after sign-in: who and where, the report banner, teachers and students.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(client::SchoolSession *session, Prompter *prompter, QWidget *parent = nullptr);
    ~MainWindow() override;

    MemberPanel *teachersPanel() const { return m_teachersPanel; }
    MemberPanel *studentsPanel() const { return m_studentsPanel; }
    void retranslate();
    // Shown in the status bar: whether the server answers.
    void setConnectionState(bool online, const QString &detail);
    void setDarkTheme(bool dark);
    // A message in the status bar for a while (a notification that needs no answer).
    void showNotice(const QString &text) { showStatus(text); }
    // The notice shown in the status bar now (empty when none).
    QString notice() const;
    BusyIndicator *busyIndicator() const { return m_busyIndicator; }
    // Whether this session keeps an offline copy; notice: why not (shown once in the status bar).
    void setOfflineCopy(bool on, const QString &notice);

signals:
    void signOutRequested();
    void darkThemeToggled(bool dark);
    void languageRequested(const QString &code);
    // The user pressed «Отмена» while something was talking to the server.
    void cancelRequested();
    // «Синхронизировать»: send what waits on this computer and fetch what changed.
    void syncRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void askToSignOut();
    void decide(MemberPanel *panel, const QList<qint64> &ids, Verdict verdict);
    void sendReport();
    void exportCurrentTable(bool pdf);
    void updateHeader();
    void updateReportBanner();
    void updateLocks();
    void updateOfflineState();
    void showConflicts();
    void updateTabTitles();
    void showStatus(const QString &text, int timeoutMs = 8000);
    void createMenus();

    client::SchoolSession *m_session;
    Prompter *m_prompter;
    QLabel *m_schoolLabel;
    QLabel *m_userLabel;
    QLabel *m_directorLabel;
    QPushButton *m_signOut;
    QLabel *m_unreportedLabel;
    QPushButton *m_sendReport;
    QPushButton *m_syncNow;
    QPushButton *m_conflictsButton;
    QAction *m_syncAction = nullptr;
    QAction *m_sendReportAction = nullptr; // school accounts only
    QAction *m_findAction = nullptr;
    bool m_offlineCopy = false;
    QString m_connectionDetail;
    QTabWidget *m_tabs;
    MemberPanel *m_teachersPanel = nullptr;
    MemberPanel *m_studentsPanel;
    DashboardPanel *m_dashboard;
    client::ReportArchive *m_archive = nullptr;
    ReportsPanel *m_reportsPanel = nullptr;
    client::DirectorSession *m_directorSession = nullptr;
    DirectorPanel *m_directorPanel = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportPdfAction = nullptr;
    QLabel *m_connectionLabel;
    BusyIndicator *m_busyIndicator;
    QLabel *m_noticeLabel;
    QTimer *m_noticeTimer;
    bool m_cancelling = false;
    std::unique_ptr<Exporter> m_exporter;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_russianAction = nullptr;
    QAction *m_englishAction = nullptr;
    QAction *m_supportAction = nullptr;
    QAction *m_aboutAction = nullptr;
    bool m_online = true;
};

} // namespace sg::ui
