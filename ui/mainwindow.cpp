#include "mainwindow.h"

#include "client/membertablemodel.h"
#include "client/schoolsession.h"
#include "memberpanel.h"
#include "prompter.h"

#include <QCloseEvent>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
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
    , m_tabs(new QTabWidget(this))
    , m_connectionLabel(new QLabel(this))
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
    bannerLayout->addWidget(m_sendReport);

    const bool isSchool = session->user() && session->user()->role == Role::School;
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

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->addLayout(header);
    layout->addWidget(banner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_connectionLabel);

    connect(m_signOut, &QPushButton::clicked, this, &MainWindow::signOutRequested);
    connect(m_sendReport, &QPushButton::clicked, this, &MainWindow::sendReport);
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
        updateReportBanner();
        if (busy)
            showStatus(tr("Talking to the server…"), 0);
        else
            statusBar()->clearMessage();
    });
    connect(session, &client::SchoolSession::decisionsFinished, this, [this](int applied, int conflicts, int refused) {
        QString text = tr("Saved: %n decision(s).", nullptr, applied);
        if (conflicts > 0)
            text += QLatin1Char(' ')
                + tr("%n person(s) were changed by someone else meanwhile: the table shows the current state.", nullptr,
                    conflicts);
        if (refused > 0)
            text += QLatin1Char(' ') + tr("%n decision(s) were not accepted.", nullptr, refused);
        showStatus(text);
    });
    connect(session, &client::SchoolSession::reportSent, this, [this](const proto::Report &report) {
        showStatus(tr("Report No. %1 sent: %n decision(s).", nullptr, report.total()).arg(report.number), 15000);
    });
    connect(session, &client::SchoolSession::operationFailed, this,
        [this](const Error &error) { showStatus(tr("Not done: %1").arg(error.message), 15000); });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1180, 760);

    retranslate();
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
    m_session->sendReport();
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
    const QString url = m_session->api()->baseUrl().toString();
    m_connectionLabel->setText(tr("Connected: %1").arg(url));
}

void MainWindow::updateReportBanner()
{
    const int n = m_session->unreportedDecisions();
    if (n > 0)
        m_unreportedLabel->setText(
            tr("%n decision(s) not yet reported. Send a report after each round of decisions.", nullptr, n));
    else
        m_unreportedLabel->setText(tr("All decisions are reported."));
    m_sendReport->setText(n > 0 ? tr("Send report (%1)").arg(n) : tr("Send report"));
    m_sendReport->setEnabled(n > 0 && !m_session->isBusy());
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
    int i = 0;
    if (m_teachersPanel)
        m_tabs->setTabText(i++, tr("Teachers (%1)").arg(m_session->teachers()->rowCount()));
    m_tabs->setTabText(i, tr("Students (%1)").arg(m_session->students()->rowCount()));
}

void MainWindow::showStatus(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::retranslate()
{
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace sg::ui
