#include "mainwindow.h"

#include "aboutdialog.h"
#include "busyindicator.h"
#include "client/directorsession.h"
#include "client/membertablemodel.h"
#include "client/reportarchive.h"
#include "client/schoolsession.h"
#include "client/syncengine.h"
#include "conflictsdialog.h"
#include "consentdialog.h"
#include "dashboardpanel.h"
#include "directorformdialog.h"
#include "directorpanel.h"
#include "errortext.h"
#include "exporter.h"
#include "memberfilterproxymodel.h"
#include "memberpanel.h"
#include "prompter.h"
#include "reportdialog.h"
#include "reportspanel.h"
#include "screenfit.h"
#include "supportdialog.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sg::ui {

namespace {
constexpr int kLargeBatch = 50; // ask before deciding on more people than this at once
}

MainWindow::MainWindow(client::SchoolSession *session, Prompter *prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_prompter(prompter)
    , m_schoolLabel(new QLabel(this))
    , m_userLabel(new QLabel(this))
    , m_directorLabel(new QLabel(this))
    , m_signOut(new QPushButton(this))
    , m_unreportedLabel(new QLabel(this))
    , m_sendReport(new QPushButton(this))
    , m_syncNow(new QPushButton(this))
    , m_conflictsButton(new QPushButton(this))
    , m_tabs(new QTabWidget(this))
    , m_connectionLabel(new QLabel(this))
    , m_busyIndicator(new BusyIndicator(this))
    , m_noticeLabel(new QLabel(this))
    , m_noticeTimer(new QTimer(this))
    , m_exporter(std::make_unique<Exporter>())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_schoolLabel->setObjectName(QStringLiteral("schoolLabel"));
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_directorLabel->setObjectName(QStringLiteral("directorLabel"));
    m_signOut->setObjectName(QStringLiteral("signOutButton"));
    m_unreportedLabel->setObjectName(QStringLiteral("unreportedLabel"));
    m_sendReport->setObjectName(QStringLiteral("sendReportButton"));
    m_tabs->setObjectName(QStringLiteral("peopleTabWidget"));
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));

    QFont big = m_schoolLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_schoolLabel->setFont(big);
    m_schoolLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_userLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *header = new QHBoxLayout;
    auto *who = new QVBoxLayout;
    who->addWidget(m_schoolLabel);
    who->addWidget(m_userLabel);
    who->addWidget(m_directorLabel);
    header->addLayout(who, 1);
    header->addWidget(m_signOut, 0, Qt::AlignTop);

    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("reportBanner"));
    banner->setProperty("banner", QStringLiteral("info"));
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    m_unreportedLabel->setWordWrap(true);
    bannerLayout->addWidget(m_unreportedLabel, 1);
    bannerLayout->addWidget(m_conflictsButton);
    bannerLayout->addWidget(m_syncNow);
    bannerLayout->addWidget(m_sendReport);
    m_syncNow->setObjectName(QStringLiteral("syncNowButton"));
    m_conflictsButton->setObjectName(QStringLiteral("conflictsButton"));
    m_syncNow->setVisible(false);
    m_conflictsButton->setVisible(false);
    m_conflictsButton->setProperty("attention", true);

    const bool isSchool = session->user() && session->user()->role == Role::School;
    m_dashboard = new DashboardPanel(session, this);
    m_tabs->addTab(m_dashboard, QString());
    if (isSchool && session->user()->schoolId) {
        // Step 2 of the cabinet: the director (consent first, then the data; a change with the order).
        m_directorSession = new client::DirectorSession(session->api(), *session->user()->schoolId, this);
        connect(m_directorSession, &client::DirectorSession::busyChanged, this,
            [this](bool busy) { m_busyIndicator->setBusy(m_directorSession, busy); });
        m_directorSession->setOfflineQueue([this](const proto::DirectorSubmission &submission) -> Status {
            if (!m_session->cache())
                return Error{QStringLiteral("offline-unavailable"), QString(), 0};
            return m_session->queueDirectorSubmission(submission);
        });
        m_directorPanel = new DirectorPanel(m_directorSession, m_prompter, this);
        m_directorPanel->setObjectName(QStringLiteral("directorPanel"));
        m_tabs->addTab(m_directorPanel, QString());
        // A confirmed director unlocks confirming people: reload what the school may do.
        // Only a real change reloads (the first load of the card must not wipe the user's selection).
        connect(m_directorPanel, &DirectorPanel::directorStatusChanged, this, [this](const QString &status) {
            if (m_session->school() && m_session->school()->directorStatus != status)
                m_session->refresh();
        });
        m_directorSession->refresh();
    }
    if (isSchool) {
        m_teachersPanel = new MemberPanel(session->teachers(), Role::Teacher, this);
        m_teachersPanel->setObjectName(QStringLiteral("teachersPanel"));
        m_tabs->addTab(m_teachersPanel, QString());
        connect(m_teachersPanel, &MemberPanel::approveRequested, this,
            [this](const QList<qint64> &ids) { decide(m_teachersPanel, ids, Verdict::Approve); });
        connect(m_teachersPanel, &MemberPanel::rejectRequested, this,
            [this](const QList<qint64> &ids) { decide(m_teachersPanel, ids, Verdict::Reject); });
    }
    m_studentsPanel = new MemberPanel(session->students(), Role::Student, this);
    m_studentsPanel->setObjectName(QStringLiteral("studentsPanel"));
    m_tabs->addTab(m_studentsPanel, QString());
    connect(m_studentsPanel, &MemberPanel::approveRequested, this,
        [this](const QList<qint64> &ids) { decide(m_studentsPanel, ids, Verdict::Approve); });
    connect(m_studentsPanel, &MemberPanel::rejectRequested, this,
        [this](const QList<qint64> &ids) { decide(m_studentsPanel, ids, Verdict::Reject); });
    banner->setVisible(isSchool);

    if (isSchool && session->user()->schoolId) {
        m_archive = new client::ReportArchive(session->api(), *session->user()->schoolId, this);
        m_archive->setCacheProvider([session] { return session->cache(); });
        connect(m_archive, &client::ReportArchive::busyChanged, this,
            [this](bool busy) { m_busyIndicator->setBusy(m_archive, busy); });
        m_reportsPanel = new ReportsPanel(session, m_archive, m_exporter.get(), m_prompter, this);
        m_reportsPanel->setObjectName(QStringLiteral("reportsPanel"));
        m_tabs->addTab(m_reportsPanel, QString());
    }

    // Overview: its "needs attention" items lead to the right table, filtered, or to the report.
    connect(m_dashboard, &DashboardPanel::showMembersRequested, this, [this](Role role, const QString &className) {
        MemberPanel *panel = role == Role::Teacher && m_teachersPanel ? m_teachersPanel : m_studentsPanel;
        panel->setClassFilter(className);
        m_tabs->setCurrentWidget(panel);
    });
    connect(m_dashboard, &DashboardPanel::reportRequested, this, [this] { m_sendReport->setFocus(); });
    connect(m_dashboard, &DashboardPanel::directorRequested, this, [this] {
        if (m_directorPanel)
            m_tabs->setCurrentWidget(m_directorPanel);
    });

    // Undo of the last batch, offered on both tables while it is not reported.
    for (MemberPanel *panel : {m_teachersPanel, m_studentsPanel}) {
        if (!panel)
            continue;
        connect(panel, &MemberPanel::undoRequested, session, &client::SchoolSession::undoLastBatch);
    }
    const auto updateUndo = [this] {
        for (MemberPanel *panel : {m_teachersPanel, m_studentsPanel}) {
            if (panel)
                panel->setUndoAvailable(m_session->canUndo(), m_session->undoSize());
        }
    };
    connect(session, &client::SchoolSession::undoAvailableChanged, this, updateUndo);
    connect(session, &client::SchoolSession::decisionsFinished, this, updateUndo);
    connect(session, &client::SchoolSession::batchUndone, this, [this, updateUndo](int reverted, int notReverted) {
        updateUndo();
        QString text = tr("Undone: %n decision(s).", nullptr, reverted);
        if (notReverted > 0)
            text += QLatin1Char(' ')
                + tr("%n could not be undone (changed meanwhile or already reported).", nullptr, notReverted);
        showStatus(text);
    });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->addLayout(header);
    layout->addWidget(banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, m_noticeLabel, &QLabel::clear);
    statusBar()->addWidget(m_noticeLabel, 1);
    statusBar()->addPermanentWidget(m_busyIndicator);
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_busyIndicator, &BusyIndicator::cancelRequested, this, [this] {
        m_cancelling = true;
        emit cancelRequested();
    });
    // Queued: the failures of the cancelled requests are reported right after their "idle"; they must still
    // see m_cancelling and stay quiet.
    connect(
        m_busyIndicator, &BusyIndicator::idle, this,
        [this] {
            if (!std::exchange(m_cancelling, false))
                return;
            // What the server saved before the cancel stays saved (each decision has its idempotency key):
            // reload, so the tables show exactly that.
            showStatus(tr("Cancelled. What the server had already saved is kept; the tables are reloaded."), 15000);
            m_session->refresh();
        },
        Qt::QueuedConnection);

    connect(m_signOut, &QPushButton::clicked, this, &MainWindow::askToSignOut);
    connect(m_sendReport, &QPushButton::clicked, this, &MainWindow::sendReport);
    connect(m_syncNow, &QPushButton::clicked, this, &MainWindow::syncRequested);
    connect(m_conflictsButton, &QPushButton::clicked, this, &MainWindow::showConflicts);
    connect(session, &client::SchoolSession::outboxChanged, this, &MainWindow::updateOfflineState);
    connect(session, &client::SchoolSession::onlineChanged, this, &MainWindow::updateOfflineState);
    connect(session, &client::SchoolSession::decisionsQueued, this, [this](int count) {
        showStatus(m_session->cache() ? tr("Saved on this computer: %n decision(s). Sending…", nullptr, count)
                                      : tr("Sending %n decision(s)…", nullptr, count));
    });
    if (m_directorSession) {
        connect(m_directorSession, &client::DirectorSession::submissionQueued, this, [this] {
            showStatus(tr("The director's data waits on this computer and is sent as soon as the server can be "
                          "reached."),
                20000);
        });
    }
    connect(session, &client::SchoolSession::reportQueued, this, [this] {
        showStatus(tr("The report waits on this computer and is sent as soon as the server can be reached."), 15000);
    });
    connect(session, &client::SchoolSession::syncFinished, this, [this](bool complete, const QString &problem) {
        updateOfflineState();
        const int waiting = m_session->queuedItems();
        if (!complete && waiting > 0)
            showStatus(
                tr("No connection (%1): %n item(s) wait on this computer and are sent automatically.", nullptr, waiting)
                    .arg(problem),
                15000);
    });
    connect(session, &client::SchoolSession::unreportedChanged, this, &MainWindow::updateReportBanner);
    connect(session, &client::SchoolSession::membersLoaded, this, [this] {
        updateHeader();
        updateLocks();
        updateTabTitles();
    });
    connect(session, &client::SchoolSession::busyChanged, this, [this](bool busy) {
        if (m_teachersPanel)
            m_teachersPanel->setBusy(busy);
        m_studentsPanel->setBusy(busy);
        m_busyIndicator->setBusy(m_session, busy);
        updateReportBanner();
    });
    connect(session, &client::SchoolSession::decisionsFinished, this, [this](int applied, int conflicts, int refused) {
        QString text = tr("Saved: %n decision(s).", nullptr, applied);
        if (conflicts > 0)
            text += QLatin1Char(' ')
                + tr("%n person(s) were changed by someone else meanwhile: choose what to keep under “Needs "
                     "attention”.",
                    nullptr, conflicts);
        if (refused > 0)
            text += QLatin1Char(' ') + tr("%n decision(s) were not accepted.", nullptr, refused);
        showStatus(text);
    });
    connect(session, &client::SchoolSession::reportSent, this, [this](const proto::Report &report) {
        showStatus(tr("Report No. %1 sent: %n decision(s).", nullptr, report.total()).arg(report.number), 15000);
    });
    connect(session, &client::SchoolSession::operationFailed, this, [this](const Error &error) {
        if (m_cancelling)
            return; // the user stopped it: said once when everything is idle
        showStatus(tr("Not done: %1").arg(errorText(error)), 15000);
    });

    createMenus();

    QSettings settings;
    restoreOrFit(this, settings.value(QStringLiteral("mainWindow/geometry")).toByteArray(), QSize(1180, 760));

    retranslate();
}

MainWindow::~MainWindow()
{
    // Signing out destroys the window without closing it: its size and place are kept here too.
    if (testAttribute(Qt::WA_WState_Created))
        QSettings().setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
}

void MainWindow::decide(MemberPanel *panel, const QList<qint64> &ids, Verdict verdict)
{
    if (ids.isEmpty())
        return;
    QString reason;
    if (verdict == Verdict::Reject) {
        auto answer = m_prompter->askRejectionReason(this, int(ids.size()));
        if (!answer)
            return;
        reason = *answer;
    } else if (ids.size() > kLargeBatch
        && !m_prompter->confirm(this, tr("Approve"), tr("Approve %n people at once?", nullptr, int(ids.size())))) {
        return;
    }
    panel->view()->clearSelection();
    m_session->decide(ids, verdict, reason);
}

void MainWindow::sendReport()
{
    if (m_session->cache() && !m_session->isOnline()) {
        // No preview without the server: the report waits in the outbox, after the decisions it covers.
        // Without the server's preview the report holds the decisions waiting here; if the server would report
        // anything else by the time it is sent, nothing is sent and the new preview is shown.
        const int n = int(m_session->offlineSnapshot().lines.size());
        if (m_prompter->confirm(this, tr("Send report"),
                tr("The server cannot be reached now. A report of the %n decision(s) made on this computer will wait "
                   "here and be sent, after those decisions, as soon as the connection is back. If anything else has "
                   "to be reported by then, nothing is sent and you will see the new preview. Queue it?",
                    nullptr, n)))
            m_session->queueReportOffline();
        return;
    }
    // A report always goes out through its preview: what will be sent is seen first.
    if (m_reportsPanel) {
        m_tabs->setCurrentWidget(m_reportsPanel);
        m_reportsPanel->showPreview();
    }
}

void MainWindow::exportCurrentTable(bool pdf)
{
    auto *panel = qobject_cast<MemberPanel *>(m_tabs->currentWidget());
    if (!panel)
        panel = m_teachersPanel ? m_teachersPanel : m_studentsPanel;
    if (m_session->school())
        m_exporter->setSchoolName(m_session->school()->name);
    const QString title = panel == m_teachersPanel ? tr("Teachers") : tr("Students");
    if (auto path = m_exporter->saveTable(
            this, m_prompter, panel->proxy(), title, pdf ? Exporter::Format::Pdf : Exporter::Format::Csv))
        showStatus(tr("Saved: %1").arg(*path));
}

void MainWindow::updateHeader()
{
    const auto &school = m_session->school();
    const auto &user = m_session->user();
    if (school) {
        m_schoolLabel->setText(school->shortName.isEmpty() ? school->name : school->shortName);
        m_schoolLabel->setToolTip(school->name);
        m_userLabel->setText(
            tr("INN %1 · signed in as %2")
                .arg(school->inn, user ? (user->displayName.isEmpty() ? user->login : user->displayName) : QString()));
        const bool confirmed = school->directorStatus == QLatin1String("confirmed");
        m_directorLabel->setText(confirmed ? tr("✔ Director confirmed") : tr("Director not confirmed yet"));
        m_directorLabel->setProperty("state", confirmed ? QStringLiteral("ok") : QStringLiteral("warning"));
    }
    setConnectionState(m_online, m_session->api()->baseUrl().toString());
}

void MainWindow::updateReportBanner()
{
    const int n = m_session->unreportedDecisions();
    if (n > 0)
        m_unreportedLabel->setText(
            tr("%n decision(s) not yet reported. Send a report after each round of decisions.", nullptr, n));
    else if (m_session->isBusy() && m_session->teachers()->rowCount() == 0 && m_session->students()->rowCount() == 0)
        m_unreportedLabel->setText(tr("Loading…")); // not yet "all reported": the lists are on their way
    else
        m_unreportedLabel->setText(tr("All decisions are reported."));
    m_sendReport->setText(n > 0 ? tr("Send report (%1)").arg(n) : tr("Send report"));
    m_sendReport->setEnabled(n > 0 && !m_session->isBusy());
    if (m_sendReportAction)
        m_sendReportAction->setEnabled(m_sendReport->isEnabled());
}

void MainWindow::updateLocks()
{
    QString teacherLock;
    QString studentLock;
    if (!m_session->canDecideTeachers())
        teacherLock = tr("Confirming people is locked until the director of the organisation is confirmed.");
    if (!m_session->canDecideStudents())
        studentLock = m_session->user() && m_session->user()->role == Role::School
            ? teacherLock
            : tr("You can confirm students once the school has confirmed you as a teacher.");
    if (m_teachersPanel)
        m_teachersPanel->setLocked(teacherLock);
    m_studentsPanel->setLocked(studentLock);
}

void MainWindow::updateTabTitles()
{
    m_tabs->setTabText(m_tabs->indexOf(m_dashboard), tr("Overview"));
    if (m_teachersPanel)
        m_tabs->setTabText(
            m_tabs->indexOf(m_teachersPanel), tr("Teachers (%1)").arg(m_session->teachers()->rowCount()));
    m_tabs->setTabText(m_tabs->indexOf(m_studentsPanel), tr("Students (%1)").arg(m_session->students()->rowCount()));
    if (m_reportsPanel)
        m_tabs->setTabText(m_tabs->indexOf(m_reportsPanel), tr("Reports"));
    if (m_directorPanel)
        m_tabs->setTabText(m_tabs->indexOf(m_directorPanel), tr("Director"));
}

void MainWindow::showStatus(const QString &text, int timeoutMs)
{
    // A label of its own rather than a temporary status-bar message: hovering a widget (its status tip) would
    // wipe a temporary message before the user has read it.
    m_noticeLabel->setText(text);
    m_noticeLabel->setToolTip(text);
    if (timeoutMs > 0)
        m_noticeTimer->start(timeoutMs);
    else
        m_noticeTimer->stop();
}

QString MainWindow::notice() const
{
    return m_noticeLabel->text();
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_exportCsvAction = m_fileMenu->addAction(QString(), this, [this] { exportCurrentTable(false); });
    m_exportCsvAction->setObjectName(QStringLiteral("exportTableCsvAction"));
    m_exportPdfAction = m_fileMenu->addAction(QString(), this, [this] { exportCurrentTable(true); });
    m_exportPdfAction->setObjectName(QStringLiteral("exportTablePdfAction"));
    m_fileMenu->addSeparator();
    m_syncAction = m_fileMenu->addAction(QString(), this, &MainWindow::syncRequested);
    m_syncAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_syncAction->setEnabled(false);
    if (m_reportsPanel) {
        // The report from the keyboard as from the banner's button (which only the school's accounts have).
        m_sendReportAction = m_fileMenu->addAction(QString(), this, [this] {
            if (m_sendReport->isEnabled())
                sendReport();
        });
        m_sendReportAction->setObjectName(QStringLiteral("sendReportAction"));
        m_sendReportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
        m_sendReportAction->setEnabled(false);
    }
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::askToSignOut);
    m_fileMenu->addSeparator();
    m_closeAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_closeAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_findAction = m_viewMenu->addAction(QString(), this, [this] {
        // The search of the table shown, or of the students' when another page is shown.
        auto *panel = qobject_cast<MemberPanel *>(m_tabs->currentWidget());
        if (!panel) {
            panel = m_studentsPanel;
            m_tabs->setCurrentWidget(panel);
        }
        panel->focusSearch();
    });
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_viewMenu->addSeparator();
    m_darkAction = m_viewMenu->addAction(QString());
    m_darkAction->setObjectName(QStringLiteral("darkThemeAction"));
    m_darkAction->setCheckable(true);
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::darkThemeToggled);
    m_languageMenu = m_viewMenu->addMenu(QString());
    auto *languages = new QActionGroup(this);
    m_russianAction = m_languageMenu->addAction(
        QStringLiteral("Русский"), this, [this] { emit languageRequested(QStringLiteral("ru")); });
    m_englishAction = m_languageMenu->addAction(
        QStringLiteral("English"), this, [this] { emit languageRequested(QStringLiteral("en")); });
    for (QAction *a : {m_russianAction, m_englishAction}) {
        a->setCheckable(true);
        languages->addAction(a);
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_supportAction = m_helpMenu->addAction(QString(), this, [this] {
        auto *support = new SupportDialog(QDateTime::currentDateTimeUtc(), this);
        support->setAttribute(Qt::WA_DeleteOnClose);
        support->open();
    });
    m_supportAction->setObjectName(QStringLiteral("supportAction"));
    m_supportAction->setShortcut(QKeySequence::HelpContents); // F1
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
}

void MainWindow::setConnectionState(bool online, const QString &detail)
{
    m_online = online;
    m_connectionDetail = detail;
    updateOfflineState();
}

void MainWindow::setOfflineCopy(bool on, const QString &notice)
{
    m_offlineCopy = on;
    if (client::SyncEngine *sync = m_session->syncEngine()) {
        // «Синхронизировать» shows how far it has got: items sent of those waiting.
        connect(
            sync, &client::SyncEngine::progress, m_busyIndicator, &BusyIndicator::setProgress, Qt::UniqueConnection);
    }
    if (!notice.isEmpty())
        showStatus(notice, 20000);
    updateOfflineState();
}

void MainWindow::updateOfflineState()
{
    const bool online = m_online && (!m_session->cache() || m_session->isOnline());
    const int waiting = m_session->queuedItems();
    const int conflicts = m_session->attentionCount(); // a count only: the dialog reads the people
    m_syncNow->setVisible(m_offlineCopy);
    if (m_syncAction)
        m_syncAction->setEnabled(m_offlineCopy);
    m_syncNow->setText(waiting > 0 ? tr("Sync now (%1)").arg(waiting) : tr("Sync now"));
    m_conflictsButton->setVisible(conflicts > 0);
    m_conflictsButton->setText(tr("Needs attention (%1)").arg(conflicts));
    m_connectionLabel->setProperty("state", online ? QStringLiteral("ok") : QStringLiteral("warning"));
    QString text = online ? tr("● Connected: %1").arg(m_connectionDetail) : tr("● Offline");
    if (!online && !m_connectionDetail.isEmpty() && !m_online)
        text = tr("● No connection: %1").arg(m_connectionDetail);
    if (waiting > 0)
        text += QStringLiteral(" · ") + tr("%n waiting on this computer", nullptr, waiting);
    m_connectionLabel->setText(text);
    m_connectionLabel->setToolTip(online ? QString()
            : m_offlineCopy
            ? tr("You can go on working: decisions are kept on this computer and sent when the connection is back.")
            : tr("Your decisions are kept; try again when the connection is back."));
    m_connectionLabel->style()->unpolish(m_connectionLabel);
    m_connectionLabel->style()->polish(m_connectionLabel);
}

void MainWindow::showConflicts()
{
    ConflictsDialog dialog(m_session, this);
    dialog.exec();
    updateOfflineState();
}

void MainWindow::setDarkTheme(bool dark)
{
    const QSignalBlocker block(m_darkAction);
    m_darkAction->setChecked(dark);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_exportCsvAction->setText(tr("Export the table to &CSV…"));
    m_exportPdfAction->setText(tr("Export the table to &PDF…"));
    m_syncAction->setText(tr("&Sync now"));
    if (m_sendReportAction)
        m_sendReportAction->setText(tr("Send the &report…"));
    m_signOutAction->setText(tr("Sign &out"));
    m_syncNow->setToolTip(tr("Send what waits on this computer and fetch what changed (F5)"));
    m_conflictsButton->setToolTip(tr("Decisions that met a change by someone else: choose what to keep"));
    updateOfflineState();
    m_closeAction->setText(tr("&Close"));
    m_viewMenu->setTitle(tr("&View"));
    m_findAction->setText(tr("&Find in the table"));
    m_darkAction->setText(tr("&Dark theme"));
    m_languageMenu->setTitle(tr("&Language"));
    const bool russian = QLocale().language() == QLocale::Russian;
    m_russianAction->setChecked(russian);
    m_englishAction->setChecked(!russian);
    m_helpMenu->setTitle(tr("&Help"));
    m_supportAction->setText(tr("&Support…"));
    m_aboutAction->setText(tr("&About SchoolGate…"));
    setWindowTitle(tr("SchoolGate — cabinet of the educational organisation"));
    m_signOut->setText(tr("Sign out"));
    m_sendReport->setAccessibleName(tr("Send report"));
    updateHeader();
    updateReportBanner();
    updateLocks();
    updateTabTitles();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::askToSignOut()
{
    // Decisions on the server but in no report yet: the programme expects a report after every round, so the
    // school is reminded before it leaves. (Decisions still on this computer are asked about when signing out.)
    const bool school = m_session->user() && m_session->user()->role == Role::School;
    const int unreported = m_session->unreportedDecisions();
    if (school && unreported > 0 && m_session->queuedItems() == 0
        && !m_prompter->confirm(this, tr("Sign out"),
            tr("%n decision(s) are not in a report yet. Send the report first («Send report»), or sign out and send "
               "it next time. Sign out now?",
                nullptr, unreported)))
        return;
    emit signOutRequested();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Once the window manager has framed and placed it: the whole window, title bar and status bar included, inside
    // the screen's available area.
    QTimer::singleShot(0, this, [this] { keepInsideScreen(this); });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Without an offline copy, what has not reached the server lives only in this window's memory.
    const int waiting = m_session->cache() ? 0 : m_session->queuedItems();
    if (waiting > 0
        && !m_prompter->confirm(this, tr("Close"),
            tr("%n decision(s) or report(s) have not reached the server yet, and this computer keeps no offline copy: "
               "closing loses them. Close anyway?",
                nullptr, waiting))) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace sg::ui
