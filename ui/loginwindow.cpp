#include "loginwindow.h"

#include "client/apiclient.h"
#include "core/supporthours.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sg::ui {

LoginWindow::LoginWindow(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_profileLabel(new QLabel(this))
    , m_profile(new QComboBox(this))
    , m_forgetProfile(new QToolButton(this))
    , m_serverLabel(new QLabel(this))
    , m_server(new QComboBox(this))
    , m_serverUrl(new QLineEdit(this))
    , m_certificateLabel(new QLabel(this))
    , m_certificate(new QLineEdit(this))
    , m_loginLabel(new QLabel(this))
    , m_login(new QLineEdit(this))
    , m_passwordLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_sharedComputer(new QCheckBox(this))
    , m_keychainNote(new QLabel(this))
    , m_signIn(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_esiaSignIn(new QPushButton(this))
    , m_offline(new QPushButton(this))
    , m_esiaOnlyNote(new QLabel(this))
    , m_esiaRegistration(new QLabel(this))
    , m_error(new QLabel(this))
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_supportTitle(new QLabel(this))
    , m_supportContacts(new QLabel(this))
    , m_supportStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("loginWindow"));
    m_profile->setObjectName(QStringLiteral("profileComboBox"));
    m_forgetProfile->setObjectName(QStringLiteral("forgetProfileButton"));
    m_remember->setObjectName(QStringLiteral("rememberCheckBox"));
    m_sharedComputer->setObjectName(QStringLiteral("sharedComputerCheckBox"));
    m_keychainNote->setObjectName(QStringLiteral("keychainNoteLabel"));
    m_cancel->setObjectName(QStringLiteral("cancelSignInButton"));
    m_server->setObjectName(QStringLiteral("serverComboBox"));
    m_serverUrl->setObjectName(QStringLiteral("serverUrlLineEdit"));
    m_certificate->setObjectName(QStringLiteral("certificateLineEdit"));
    m_certificate->setMaxLength(120);
    m_login->setObjectName(QStringLiteral("loginLineEdit"));
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_language->setObjectName(QStringLiteral("languageComboBox"));
    m_supportStatus->setObjectName(QStringLiteral("supportStatusLabel"));
    m_esiaSignIn->setObjectName(QStringLiteral("esiaSignInButton"));
    m_offline->setObjectName(QStringLiteral("offlineSignInButton"));
    m_offline->setVisible(false);
    m_esiaOnlyNote->setObjectName(QStringLiteral("esiaOnlyLabel"));
    m_esiaRegistration->setObjectName(QStringLiteral("esiaRegistrationLabel"));
    m_esiaSignIn->setMinimumHeight(34);
    m_esiaSignIn->setAutoDefault(false);
    m_esiaOnlyNote->setWordWrap(true);
    m_esiaOnlyNote->setProperty("hint", true);
    m_esiaRegistration->setTextFormat(Qt::RichText);
    m_esiaRegistration->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(QStringLiteral("SchoolGate"));
    m_subtitle->setWordWrap(true);
    m_password->setEchoMode(QLineEdit::Password);
    m_login->setMaxLength(64);
    m_password->setMaxLength(128);
    m_serverUrl->setPlaceholderText(QStringLiteral("https://schoolgate.example.ru"));
    m_signIn->setDefault(true);
    m_signIn->setAutoDefault(true);
    m_signIn->setMinimumHeight(34);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setProperty("banner", QStringLiteral("error"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_supportContacts->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_supportContacts->setOpenExternalLinks(true);
    m_supportContacts->setWordWrap(true);
    m_supportStatus->setWordWrap(true);
    m_language->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setVisible(false);
    m_keychainNote->setProperty("hint", true);
    m_cancel->setVisible(false);
    m_forgetProfile->setText(QStringLiteral("✕"));
    m_forgetProfile->setAutoRaise(true);
    m_profileLabel->setBuddy(m_profile);
    m_serverLabel->setBuddy(m_server);
    m_loginLabel->setBuddy(m_login);
    m_passwordLabel->setBuddy(m_password);
    m_languageLabel->setBuddy(m_language);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *profileRow = new QHBoxLayout;
    profileRow->setContentsMargins(0, 0, 0, 0);
    profileRow->addWidget(m_profile, 1);
    profileRow->addWidget(m_forgetProfile);
    form->addRow(m_profileLabel, profileRow);
    form->addRow(m_serverLabel, m_server);
    form->addRow(QString(), m_serverUrl);
    m_certificateLabel->setBuddy(m_certificate);
    form->addRow(m_certificateLabel, m_certificate);
    form->addRow(m_loginLabel, m_login);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_sharedComputer);
    form->addRow(QString(), m_keychainNote);

    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("signInCard"));
    card->setFrameShape(QFrame::StyledPanel);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(24, 20, 24, 20);
    cardLayout->setSpacing(10);
    cardLayout->addWidget(m_title);
    cardLayout->addWidget(m_subtitle);
    cardLayout->addSpacing(6);
    cardLayout->addLayout(form);
    cardLayout->addWidget(m_error);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signIn, 1);
    buttons->addWidget(m_cancel);
    cardLayout->addLayout(buttons);
    cardLayout->addWidget(m_offline);
    cardLayout->addWidget(m_esiaOnlyNote);
    cardLayout->addWidget(m_esiaSignIn);
    cardLayout->addWidget(m_esiaRegistration);

    auto *support = new QFrame(this);
    support->setObjectName(QStringLiteral("supportFrame"));
    auto *supportLayout = new QVBoxLayout(support);
    supportLayout->setContentsMargins(24, 8, 24, 8);
    QFont bold = m_supportTitle->font();
    bold.setBold(true);
    m_supportTitle->setFont(bold);
    supportLayout->addWidget(m_supportTitle);
    supportLayout->addWidget(m_supportContacts);
    supportLayout->addWidget(m_supportStatus);

    auto *languageRow = new QHBoxLayout;
    languageRow->addStretch(1);
    languageRow->addWidget(m_languageLabel);
    languageRow->addWidget(m_language);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 20, 32, 20);
    layout->addLayout(languageRow);
    layout->addStretch(1);
    layout->addWidget(card);
    layout->addWidget(support);
    layout->addStretch(1);
    setMinimumWidth(460);

    connect(m_signIn, &QPushButton::clicked, this, &LoginWindow::submit);
    connect(m_password, &QLineEdit::returnPressed, this, &LoginWindow::submit);
    connect(m_login, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
    connect(m_server, &QComboBox::currentIndexChanged, this, &LoginWindow::updateServerFields);
    connect(m_server, &QComboBox::currentIndexChanged, this, &LoginWindow::serverChanged);
    connect(m_serverUrl, &QLineEdit::editingFinished, this, &LoginWindow::serverChanged);
    connect(m_certificate, &QLineEdit::editingFinished, this, &LoginWindow::serverChanged);
    connect(m_esiaSignIn, &QPushButton::clicked, this, [this] {
        if (m_busy)
            return;
        if (!useLocalServer() && !serverUrl().isValid()) {
            showError(tr("Enter the server address, for example https://schoolgate.example.ru"));
            m_serverUrl->setFocus();
            return;
        }
        showError(QString());
        emit esiaSignInRequested();
    });
    connect(m_esiaRegistration, &QLabel::linkActivated, this, &LoginWindow::esiaRegistrationRequested);
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_forgetProfile->setEnabled(!m_profile->itemData(i).toString().isEmpty());
        emit profileSelected(m_profile->itemData(i).toString());
    });
    connect(m_forgetProfile, &QToolButton::clicked, this, [this] {
        const QString id = currentProfileId();
        if (!id.isEmpty())
            emit profileForgetRequested(id);
    });
    connect(m_cancel, &QPushButton::clicked, this, &LoginWindow::cancelRequested);
    connect(m_offline, &QPushButton::clicked, this, [this] {
        if (m_busy)
            return;
        if (login().isEmpty() || password().isEmpty()) {
            showError(tr("Enter the login and the password of this account: the offline copy opens with them."));
            (login().isEmpty() ? m_login : m_password)->setFocus();
            return;
        }
        emit offlineSignInRequested();
    });
    connect(m_sharedComputer, &QCheckBox::toggled, this, [this](bool shared) {
        if (shared)
            m_remember->setChecked(false);
        m_remember->setEnabled(!shared && !m_busy && m_keychainAvailable);
    });
    connect(m_language, &QComboBox::currentIndexChanged, this,
        [this](int i) { emit languageChangeRequested(m_language->itemData(i).toString()); });
    auto *timer = new QTimer(this);
    timer->setInterval(60 * 1000);
    connect(timer, &QTimer::timeout, this, &LoginWindow::updateSupportStatus);
    timer->start();

    retranslate();
    updateServerFields();
    updateEsiaFields();
}

bool LoginWindow::useLocalServer() const
{
    return m_server->currentIndex() == 0;
}

QUrl LoginWindow::serverUrl() const
{
    QString text = m_serverUrl->text().trimmed();
    if (!text.isEmpty() && !text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("https://"));
    return QUrl(text, QUrl::StrictMode);
}

QString LoginWindow::login() const
{
    return m_login->text().trimmed();
}

QString LoginWindow::password() const
{
    return m_password->text();
}

void LoginWindow::setServer(bool local, const QUrl &url)
{
    const bool changed = useLocalServer() != local || m_serverUrl->text() != url.toString();
    {
        const QSignalBlocker block(m_server);
        m_server->setCurrentIndex(local ? 0 : 1);
    }
    m_serverUrl->setText(url.toString());
    updateServerFields();
    if (changed)
        emit serverChanged();
}

void LoginWindow::setEsiaOffer(const client::EsiaOffer &offer)
{
    m_esiaOffer = offer;
    updateEsiaFields();
}

void LoginWindow::updateEsiaFields()
{
    const bool esia = m_esiaOffer.enabled;
    const bool passwords = !(esia && m_esiaOffer.esiaOnly);
    m_esiaSignIn->setVisible(esia);
    m_esiaRegistration->setVisible(esia && m_esiaOffer.registrationUrl.isValid());
    m_esiaOnlyNote->setVisible(!passwords);
    for (QWidget *w :
        {static_cast<QWidget *>(m_loginLabel), static_cast<QWidget *>(m_login), static_cast<QWidget *>(m_passwordLabel),
            static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_remember), static_cast<QWidget *>(m_signIn)})
        w->setVisible(passwords);
    m_keychainNote->setVisible(passwords && !m_keychainAvailable);
    m_esiaSignIn->setDefault(!passwords);
    m_signIn->setDefault(passwords);
    // Rows appeared or went: the window grows to hold them rather than squeezing every field (it never shrinks
    // below what the person has made it).
    if (isWindow()) {
        if (QLayout *l = layout())
            l->activate();
        resize(size().expandedTo(sizeHint()));
    }
}

void LoginWindow::setCredentials(const QString &login, const QString &password)
{
    m_login->setText(login);
    m_password->setText(password);
}

void LoginWindow::offerRememberedPassword(const QString &password)
{
    if (m_password->text().isEmpty())
        m_password->setText(password);
}

void LoginWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first field to fill has the cursor (the password when the login is remembered), so that typing and Enter
    // sign in at once; never the profile list, where Enter does nothing.
    if (!event->spontaneous() && !m_busy) {
        if (m_serverUrl->isVisibleTo(this) && m_serverUrl->text().isEmpty())
            m_serverUrl->setFocus();
        else
            (login().isEmpty() ? m_login : m_password)->setFocus();
    }
}

void LoginWindow::setProfiles(const QList<client::SignInProfile> &profiles, const QString &currentId)
{
    m_profiles = profiles;
    fillProfiles(currentId);
}

void LoginWindow::fillProfiles(const QString &currentId)
{
    const QSignalBlocker block(m_profile);
    m_profile->clear();
    for (const client::SignInProfile &p : std::as_const(m_profiles)) {
        m_profile->addItem(p.name, p.id);
        m_profile->setItemData(m_profile->count() - 1,
            p.localServer ? tr("The built-in server on this computer") : p.serverUrl.toString(), Qt::ToolTipRole);
    }
    m_profile->addItem(tr("New profile…"), QString());
    const int i = currentId.isEmpty() ? -1 : m_profile->findData(currentId);
    m_profile->setCurrentIndex(i >= 0 ? i : m_profile->count() - 1);
    m_forgetProfile->setEnabled(!currentProfileId().isEmpty());
}

QString LoginWindow::currentProfileId() const
{
    return m_profile->currentData().toString();
}

bool LoginWindow::rememberPassword() const
{
    return m_keychainAvailable && !m_sharedComputer->isChecked() && m_remember->isChecked();
}

bool LoginWindow::sharedComputer() const
{
    return m_sharedComputer->isChecked();
}

void LoginWindow::setRememberPassword(bool remember)
{
    m_remember->setChecked(remember && m_keychainAvailable);
}

void LoginWindow::setKeychainAvailable(bool available, const QString &reason)
{
    m_keychainAvailable = available;
    m_keychainReason = reason;
    m_remember->setEnabled(available && !m_busy && !m_sharedComputer->isChecked());
    if (!available)
        m_remember->setChecked(false);
    m_keychainNote->setVisible(!available && !(m_esiaOffer.enabled && m_esiaOffer.esiaOnly));
    retranslate();
}

void LoginWindow::setLanguage(const QString &code)
{
    const QSignalBlocker block(m_language);
    const int i = m_language->findData(code);
    if (i >= 0)
        m_language->setCurrentIndex(i);
}

void LoginWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_signIn->setEnabled(!busy);
    m_cancel->setVisible(busy);
    for (QWidget *w : {static_cast<QWidget *>(m_profile), static_cast<QWidget *>(m_server),
             static_cast<QWidget *>(m_serverUrl), static_cast<QWidget *>(m_login), static_cast<QWidget *>(m_password)})
        w->setEnabled(!busy);
    m_forgetProfile->setEnabled(!busy && !currentProfileId().isEmpty());
    m_remember->setEnabled(!busy && m_keychainAvailable && !m_sharedComputer->isChecked());
    m_sharedComputer->setEnabled(!busy);
    m_esiaSignIn->setEnabled(!busy);
    m_offline->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void LoginWindow::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString LoginWindow::errorText() const
{
    return m_error->text();
}

void LoginWindow::setOfflineOffer(const QString &dataAge)
{
    m_offlineDataAge = dataAge;
    m_offline->setVisible(!dataAge.isEmpty());
    retranslate();
    if (!dataAge.isEmpty())
        m_offline->setFocus(); // Enter or Space opens it; Tab goes on to the other fields
}

bool LoginWindow::offlineOffered() const
{
    return m_offline->isVisible();
}

void LoginWindow::clearPassword()
{
    m_password->clear();
    m_password->setFocus();
}

void LoginWindow::submit()
{
    if (m_busy)
        return;
    if (!useLocalServer() && !serverUrl().isValid()) {
        showError(tr("Enter the server address, for example https://schoolgate.example.ru"));
        m_serverUrl->setFocus();
        return;
    }
    if (!useLocalServer() && !certificatePinValid()) {
        showError(tr("The certificate fingerprint is 64 hexadecimal digits (pairs may be separated by colons). "
                     "Leave the field empty if your administrator gave you none."));
        m_certificate->setFocus();
        return;
    }
    if (login().isEmpty()) {
        showError(tr("Enter the login from the e-mail your organisation received."));
        m_login->setFocus();
        return;
    }
    if (password().isEmpty()) {
        showError(tr("Enter the password."));
        m_password->setFocus();
        return;
    }
    showError(QString());
    emit signInRequested();
}

void LoginWindow::updateServerFields()
{
    m_serverUrl->setVisible(!useLocalServer());
    m_certificate->setVisible(!useLocalServer());
    m_certificateLabel->setVisible(!useLocalServer());
}

QByteArray LoginWindow::certificatePin() const
{
    return client::ApiClient::parseFingerprint(m_certificate->text().trimmed());
}

bool LoginWindow::certificatePinValid() const
{
    return m_certificate->text().trimmed().isEmpty() || !certificatePin().isEmpty();
}

void LoginWindow::setCertificatePin(const QByteArray &sha256)
{
    m_certificate->setText(sha256.isEmpty() ? QString() : client::ApiClient::formatFingerprint(sha256));
    m_certificate->setCursorPosition(0);
}

void LoginWindow::updateSupportStatus()
{
    const QDateTime now = m_clock.now();
    m_supportStatus->setText(SupportHours::statusText(now));
    m_supportStatus->setProperty("open", SupportHours::isOpen(now));
}

void LoginWindow::retranslate()
{
    setWindowTitle(tr("SchoolGate — sign in"));
    m_subtitle->setText(tr("Cabinet of the educational organisation: confirm the director, teachers and students."));
    m_profileLabel->setText(tr("P&rofile:"));
    m_profile->setAccessibleName(tr("Sign-in profile"));
    if (m_profile->count() > 0)
        m_profile->setItemText(m_profile->count() - 1, tr("New profile…"));
    m_forgetProfile->setToolTip(tr("Forget this profile and its remembered password"));
    m_forgetProfile->setAccessibleName(tr("Forget profile"));
    m_remember->setText(tr("Re&member the password on this computer"));
    m_remember->setAccessibleName(tr("Remember the password"));
    m_remember->setToolTip(tr("The password is kept in the system keychain, never in a file."));
    m_sharedComputer->setText(tr("Someone &else's computer"));
    m_sharedComputer->setAccessibleName(tr("Someone else's computer"));
    m_sharedComputer->setToolTip(tr("Nothing is kept on this computer: no profile, no password and no offline copy. "
                                    "Work needs the connection."));
    // The keychain's own words (D-Bus, in English) only as a tooltip for the administrator; they are in the log too.
    m_keychainNote->setText(
        tr("The system keychain is not available, so the password cannot be remembered and is asked every time."));
    m_keychainNote->setToolTip(m_keychainReason);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel signing in"));
    m_serverLabel->setText(tr("&Server:"));
    const int current = std::max(0, m_server->currentIndex());
    {
        const QSignalBlocker block(m_server);
        m_server->clear();
        m_server->addItem(tr("This computer (built-in server)"));
        m_server->addItem(tr("Organisation's server at an address…"));
        m_server->setCurrentIndex(current);
    }
    m_server->setAccessibleName(tr("Server"));
    m_serverUrl->setAccessibleName(tr("Server address"));
    m_certificate->setAccessibleName(tr("Server certificate fingerprint"));
    m_certificateLabel->setText(tr("Cer&tificate:"));
    m_certificate->setPlaceholderText(tr("Certificate fingerprint SHA-256, if the administrator gave one"));
    m_certificate->setToolTip(tr("Only for a server with its own certificate (a school network): the fingerprint "
                                 "your administrator gave you. Any other certificate must be trusted by this "
                                 "computer."));
    m_loginLabel->setText(tr("&Login:"));
    m_login->setAccessibleName(tr("Login"));
    m_login->setPlaceholderText(tr("from the SchoolGate letter"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Password"));
    m_languageLabel->setText(tr("Language:"));
    m_language->setAccessibleName(tr("Interface language"));
    m_signIn->setAccessibleName(tr("Sign in"));
    m_esiaSignIn->setText(tr("Sign in with Gosuslugi"));
    m_esiaSignIn->setAccessibleName(tr("Sign in with Gosuslugi"));
    m_esiaSignIn->setToolTip(tr("Opens the Gosuslugi sign-in page in your web browser."));
    m_esiaOnlyNote->setText(tr("This server accepts sign-in only through Gosuslugi: the login and password of "
                               "SchoolGate are not used here."));
    m_esiaRegistration->setText(QStringLiteral("<a href=\"#register\">%1</a>").arg(tr("No Gosuslugi account?")));
    m_esiaRegistration->setAccessibleName(tr("No Gosuslugi account?"));
    m_offline->setText(tr("&Open the copy on this computer (data as of %1)").arg(m_offlineDataAge));
    m_offline->setAccessibleName(tr("Open the offline copy"));
    m_offline->setToolTip(tr("The server cannot be reached: work with the data kept on this computer. The password is "
                             "checked here; decisions are sent when the server is back."));
    setBusy(m_busy);
    m_supportTitle->setText(tr("Support"));
    m_supportContacts->setText(
        tr("Login and password did not arrive at the organisation's e-mail? ☎ %1<br>"
           "Confirming teachers and students, for heads of organisations: ☎ %2, weekdays 8:00–18:00 Moscow time<br>"
           "✉ <a href=\"mailto:%3\">%3</a>")
            .arg(SupportHours::loginHelpPhone(), SupportHours::phone(), SupportHours::email()));
    updateSupportStatus();
}

void LoginWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
