#include "directorpanel.h"

#include "client/directorsession.h"
#include "consentdialog.h"
#include "directorformdialog.h"
#include "errortext.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <algorithm>

namespace sg::ui {

namespace {

const QLatin1String kNone("none");
const QLatin1String kConsented("consented");
const QLatin1String kSubmitted("submitted");
const QLatin1String kConfirmed("confirmed");
const QLatin1String kRejected("rejected");

QString mailLink(const QString &email, const QString &subject = {})
{
    QUrl url;
    url.setScheme(QStringLiteral("mailto"));
    url.setPath(email);
    if (!subject.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("subject"), subject);
        url.setQuery(query);
    }
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), email.toHtmlEscaped());
}

enum NotificationRole {
    IdRole = Qt::UserRole,
    TitleRole,
    BodyRole,
    WhenRole,
};

// One notification: the title in bold with the date at the right, the message wrapped below.
class NotificationDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString title = index.data(TitleRole).toString();
        if (title.isEmpty())
            return QStyledItemDelegate::paint(painter, option, index);
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, alternating rows

        const QRect r = opt.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
        QFont bold = opt.font;
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        const QString when = index.data(WhenRole).toString();
        const int whenWidth = opt.fontMetrics.horizontalAdvance(when);
        const int lineHeight = boldMetrics.height();
        painter->save();
        painter->setPen(opt.palette.color(QPalette::Text));
        painter->setFont(bold);
        const QRect titleRect(r.left(), r.top(), std::max(0, r.width() - whenWidth - 2 * kPadding), lineHeight);
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            boldMetrics.elidedText(title, Qt::ElideRight, titleRect.width()));
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(QPalette::PlaceholderText));
        painter->drawText(
            QRect(r.right() - whenWidth, r.top(), whenWidth, lineHeight), Qt::AlignRight | Qt::AlignVCenter, when);
        painter->setPen(opt.palette.color(QPalette::Text));
        const QRect bodyRect(r.left(), r.top() + lineHeight + kGap, r.width(), r.height() - lineHeight - kGap);
        painter->drawText(bodyRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, index.data(BodyRole).toString());
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString title = index.data(TitleRole).toString();
        if (title.isEmpty())
            return QStyledItemDelegate::sizeHint(option, index);
        int width = option.rect.width();
        if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
            width = view->viewport()->width();
        width = std::max(width, 200);
        QFont bold = option.font;
        bold.setBold(true);
        const QString body = index.data(BodyRole).toString();
        const int bodyHeight = body.isEmpty()
            ? 0
            : option.fontMetrics
                  .boundingRect(QRect(0, 0, width - 2 * kPadding, 100000), Qt::AlignLeft | Qt::TextWordWrap, body)
                  .height();
        return {width - 1, 2 * kPadding + QFontMetrics(bold).height() + kGap + bodyHeight};
    }

private:
    static constexpr int kPadding = 6;
    static constexpr int kGap = 2;
};

// The operator's reason without its closing full stop, to go inside a sentence.
QString reasonText(const QString &reason)
{
    QString text = reason.trimmed();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

void setBanner(QLabel *label, const QString &banner)
{
    if (label->property("banner").toString() == banner)
        return;
    label->setProperty("banner", banner);
    label->style()->unpolish(label);
    label->style()->polish(label);
}

} // namespace

DirectorPanel::DirectorPanel(client::DirectorSession *session, Prompter *prompter, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_prompter(prompter)
    , m_title(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_error(new QLabel(this))
    , m_consent(new QPushButton(this))
    , m_submit(new QPushButton(this))
    , m_change(new QPushButton(this))
    , m_support(new QLabel(this))
    , m_notificationsTitle(new QLabel(this))
    , m_notifications(new QListWidget(this))
{
    setObjectName(QStringLiteral("directorPanel"));
    m_title->setObjectName(QStringLiteral("directorTitleLabel"));
    m_statusLabel->setObjectName(QStringLiteral("directorStatusLabel"));
    m_error->setObjectName(QStringLiteral("directorErrorLabel"));
    m_consent->setObjectName(QStringLiteral("consentButton"));
    m_submit->setObjectName(QStringLiteral("submitDirectorButton"));
    m_change->setObjectName(QStringLiteral("changeDirectorButton"));
    m_support->setObjectName(QStringLiteral("supportEmailLabel"));
    m_notificationsTitle->setObjectName(QStringLiteral("notificationsTitleLabel"));
    m_notifications->setObjectName(QStringLiteral("notificationsListWidget"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    QFont bold = m_notificationsTitle->font();
    bold.setBold(true);
    m_notificationsTitle->setFont(bold);

    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setContentsMargins(10, 8, 10, 8);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setProperty("banner", QStringLiteral("error"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_support->setWordWrap(true);
    m_support->setTextFormat(Qt::RichText);
    m_support->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_support->setOpenExternalLinks(true);
    m_support->setVisible(false);
    m_notifications->setWordWrap(true);
    m_notifications->setAlternatingRowColors(true);
    m_notifications->setSelectionMode(QAbstractItemView::NoSelection);
    m_notifications->setFocusPolicy(Qt::TabFocus);
    m_notifications->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_notifications->setResizeMode(QListView::Adjust);
    m_notifications->setTextElideMode(Qt::ElideNone);
    m_notifications->setItemDelegate(new NotificationDelegate(m_notifications));
    m_busy = m_session->isBusy();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_consent);
    buttons->addWidget(m_submit);
    buttons->addWidget(m_change);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(m_support);
    layout->addSpacing(6);
    layout->addWidget(m_notificationsTitle);
    layout->addWidget(m_notifications, 1);

    connect(m_consent, &QPushButton::clicked, this, &DirectorPanel::requestConsent);
    connect(m_submit, &QPushButton::clicked, this, &DirectorPanel::openDirectorForm);
    connect(m_change, &QPushButton::clicked, this, &DirectorPanel::openChangeForm);

    connect(m_session, &client::DirectorSession::cardChanged, this, &DirectorPanel::showCard);
    connect(m_session, &client::DirectorSession::notificationsChanged, this, &DirectorPanel::showNotifications);
    connect(m_session, &client::DirectorSession::consentTextLoaded, this, [this](const proto::ConsentText &text) {
        if (!m_consentWanted)
            return;
        m_consentWanted = false;
        showConsentDialog(text);
    });
    connect(m_session, &client::DirectorSession::submitted, this, [this] {
        m_error->setVisible(false);
        if (m_formDialog)
            m_formDialog->accept();
    });
    connect(m_session, &client::DirectorSession::submissionQueued, this, [this] {
        m_error->setVisible(false);
        if (m_formDialog)
            m_formDialog->accept();
    });
    connect(m_session, &client::DirectorSession::submitFailed, this, [this](const sg::Error &error) {
        if (m_formDialog)
            m_formDialog->showSendError(error.message);
    });
    connect(m_session, &client::DirectorSession::failed, this, &DirectorPanel::showError);
    connect(m_session, &client::DirectorSession::busyChanged, this, [this](bool busy) {
        m_busy = busy;
        updateButtons();
    });

    retranslate();
}

void DirectorPanel::requestConsent()
{
    if (m_consentDialog)
        return m_consentDialog->raise();
    m_consentWanted = true;
    m_session->loadConsentText();
}

void DirectorPanel::showConsentDialog(const proto::ConsentText &text)
{
    if (m_consentDialog)
        return;
    auto *dialog = new ConsentDialog(text, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_consentDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_session->giveConsent(dialog->version()); });
    dialog->open();
}

void DirectorPanel::openDirectorForm()
{
    openForm(false);
}

void DirectorPanel::openChangeForm()
{
    openForm(true);
}

void DirectorPanel::openForm(bool change)
{
    if (m_formDialog)
        return m_formDialog->raise();
    auto *dialog = new DirectorFormDialog(change ? DirectorFormDialog::Mode::Change : DirectorFormDialog::Mode::Initial,
        m_session->schoolInn(), m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // After a rejection the school corrects what it sent instead of typing it all again.
    const proto::DirectorCard &card = m_session->card();
    if (!change && card.status == kRejected && card.lastRequest
        && card.lastRequest->submission.kind == proto::DirectorSubmission::Kind::Initial)
        dialog->setSubmission(card.lastRequest->submission);
    m_formDialog = dialog;
    connect(dialog, &DirectorFormDialog::sendRequested, this, [this, dialog](const proto::DirectorSubmission &s) {
        dialog->setSending(true);
        m_session->submit(s);
    });
    dialog->open();
}

void DirectorPanel::showError(const sg::Error &error)
{
    m_consentWanted = false;
    m_error->setText(errorText(error));
    m_error->setVisible(true);
}

QString DirectorPanel::expectedText(const proto::DirectorRequest &request) const
{
    if (!request.expectedBy.isValid())
        return {};
    return locale().toString(request.expectedBy, QStringLiteral("d MMMM yyyy"));
}

QString DirectorPanel::supportText() const
{
    const proto::DirectorCard &card = m_session->card();
    if (card.supportEmail.isEmpty())
        return {};
    if (card.status == kConsented || card.status == kRejected) {
        const QString inn = m_session->schoolInn();
        QString text = tr("Or send the director's data to the support e-mail %1.").arg(mailLink(card.supportEmail));
        if (!inn.isEmpty())
            text += QLatin1Char(' ') + tr("Do not forget to state the INN of the organisation: %1.").arg(inn);
        return text;
    }
    if (card.status == kConfirmed && !card.changePending) {
        // Support sorts its mail by this subject, so it stays in Russian whatever the language of the app.
        const QString subject = QStringLiteral("Приказ");
        return tr("A change of director can also be sent by e-mail to %1: the subject “%2”, the order on the change "
                  "of director attached, and the INN of the organisation.")
            .arg(mailLink(card.supportEmail, subject), subject);
    }
    return {};
}

void DirectorPanel::showCard()
{
    if (!m_session->hasCard()) {
        m_statusLabel->setText(tr("Loading the director's status…"));
        setBanner(m_statusLabel, QStringLiteral("info"));
        updateButtons();
        return;
    }
    m_error->setVisible(false);
    const proto::DirectorCard &card = m_session->card();
    const auto &last = card.lastRequest;
    QString text;
    QString banner = QStringLiteral("info");
    if (card.status == kNone) {
        text = tr("The director is not confirmed yet. Step 1 of 2: give consent to the processing of personal data.");
        banner = QStringLiteral("warning");
    } else if (card.status == kConsented) {
        if (card.supportEmail.isEmpty()) {
            text = tr("The consent text has changed. Give consent again to send the director's data.");
            banner = QStringLiteral("warning");
        } else {
            const QString when = card.consentedAt.isValid()
                ? locale().toString(card.consentedAt.toLocalTime().date(), QLocale::ShortFormat)
                : QString();
            text = when.isEmpty() ? tr("Consent given. Step 2 of 2: send the director's data.")
                                  : tr("Consent given on %1. Step 2 of 2: send the director's data.").arg(when);
        }
    } else if (card.status == kSubmitted) {
        const QString when = last ? expectedText(*last) : QString();
        text = when.isEmpty() ? tr("The director's data is under review.")
                              : tr("The director's data is under review, expected date: %1.").arg(when);
        text += QLatin1Char(' ') + tr("You will get a notification about the result.");
    } else if (card.status == kConfirmed) {
        text = card.directorName.isEmpty() ? tr("✔ Director confirmed.")
                                           : tr("✔ Director confirmed: %1.").arg(card.directorName);
        if (card.changePending) {
            const QString when = last ? expectedText(*last) : QString();
            text += QLatin1Char('\n')
                + (when.isEmpty() ? tr("A change of director is under review.")
                                  : tr("A change of director is under review, expected date: %1.").arg(when));
        } else if (last && last->status == kRejected
            && last->submission.kind == proto::DirectorSubmission::Kind::Change) {
            text += QLatin1Char('\n')
                + tr("The last change of director was rejected. Reason: %1.").arg(reasonText(last->reason));
        }
    } else if (card.status == kRejected) {
        const QString reason = last ? reasonText(last->reason) : QString();
        text = reason.isEmpty()
            ? tr("The director's data was rejected. Correct the data and send them again.")
            : tr("The director's data was rejected. Reason: %1. Correct the data and send them again.").arg(reason);
        banner = QStringLiteral("error");
    } else {
        text = tr("Unknown status of the director: %1").arg(card.status);
        banner = QStringLiteral("warning");
    }
    m_statusLabel->setText(text);
    setBanner(m_statusLabel, banner);

    const QString support = supportText();
    m_support->setText(support);
    m_support->setVisible(!support.isEmpty());
    updateButtons();

    if (card.status != m_statusCode) {
        m_statusCode = card.status;
        emit directorStatusChanged(m_statusCode);
    }
}

void DirectorPanel::updateButtons()
{
    const bool loaded = m_session->hasCard();
    const proto::DirectorCard &card = m_session->card();
    const bool consentValid = !card.supportEmail.isEmpty();
    const bool canSend = card.status == kNone || card.status == kConsented || card.status == kRejected;
    // Before consent the second step is visible but not yet available, so the path is clear.
    m_consent->setVisible(loaded && canSend && !consentValid);
    m_submit->setVisible(loaded && canSend);
    m_submit->setEnabled(consentValid && !m_busy);
    m_submit->setToolTip(consentValid ? QString() : tr("Available after consent to the processing of personal data"));
    m_change->setVisible(loaded && card.status == kConfirmed && !card.changePending);
    m_consent->setEnabled(!m_busy);
    m_change->setEnabled(!m_busy);
}

void DirectorPanel::showNotifications()
{
    m_notifications->clear();
    const auto &list = m_session->notifications();
    if (list.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No notifications yet"), m_notifications);
        item->setFlags(Qt::NoItemFlags);
        return;
    }
    for (const proto::Notification &n : list) {
        const QString when =
            n.createdAt.isValid() ? locale().toString(n.createdAt.toLocalTime(), QLocale::ShortFormat) : QString();
        QString text = when.isEmpty() ? n.title : QStringLiteral("%1 · %2").arg(when, n.title);
        if (!n.body.isEmpty())
            text += QLatin1Char('\n') + n.body;
        // The plain text (read by screen readers) holds everything; the delegate draws it in parts.
        auto *item = new QListWidgetItem(text, m_notifications);
        item->setData(IdRole, n.id);
        item->setData(TitleRole, n.title);
        item->setData(BodyRole, n.body);
        item->setData(WhenRole, when);
        item->setToolTip(n.body);
    }
}

void DirectorPanel::retranslate()
{
    m_title->setText(tr("Director of the organisation"));
    m_consent->setText(tr("Give consent…"));
    m_consent->setToolTip(tr("Read and accept the consent to the processing of personal data"));
    m_submit->setText(tr("Send the director's data…"));
    m_change->setText(tr("Change director…"));
    m_change->setToolTip(tr("The director has changed: send the new director's data with the order"));
    m_notificationsTitle->setText(tr("Notifications"));
    m_notifications->setAccessibleName(tr("Notifications"));
    m_statusLabel->setAccessibleName(tr("Director status"));
    showCard();
    showNotifications();
}

void DirectorPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sg::ui
