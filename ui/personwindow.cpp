#include "personwindow.h"

#include "client/apiclient.h"
#include "errortext.h"
#include "screenfit.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sg::ui {

PersonWindow::PersonWindow(client::ApiClient *api, const proto::UserInfo &user, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_user(user)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_note(new QLabel(this))
    , m_refresh(new QPushButton(this))
    , m_signOut(new QPushButton(this))
{
    setObjectName(QStringLiteral("personWindow"));
    m_title->setObjectName(QStringLiteral("personTitle"));
    m_status->setObjectName(QStringLiteral("personStatus"));
    m_note->setObjectName(QStringLiteral("personNote"));
    m_refresh->setObjectName(QStringLiteral("personRefresh"));
    m_signOut->setObjectName(QStringLiteral("personSignOut"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    for (QLabel *label : {m_title, m_status, m_note}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    // The record itself is reachable by Tab (and read by screen readers when it gets the focus).
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setFocusPolicy(Qt::TabFocus);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QPushButton::clicked, this, &PersonWindow::refresh);
    connect(m_signOut, &QPushButton::clicked, this, &PersonWindow::signOutRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_signOut);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(14);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_note);
    layout->addStretch();
    layout->addLayout(buttons);
    setMinimumWidth(420);
    restoreOrFit(this, {}, QSize(560, 320));
    retranslate();
    setTabOrder(m_status, m_refresh);
    setTabOrder(m_refresh, m_signOut);
    m_refresh->setFocus();
}

QString PersonWindow::statusText() const
{
    return m_status->text();
}

void PersonWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PersonWindow::retranslate()
{
    setWindowTitle(tr("SchoolGate — %1").arg(m_user.displayName.isEmpty() ? m_user.login : m_user.displayName));
    m_title->setText(tr("Signed in as %1").arg(m_user.displayName.isEmpty() ? m_user.login : m_user.displayName));
    m_refresh->setText(tr("&Refresh"));
    m_signOut->setText(tr("Sign &out"));
    m_note->setText(m_user.role == Role::Parent
            ? tr("In SchoolGate the school's administration and teachers confirm teachers and students. A parent has "
                 "nothing to do here; the school's decisions about your child come to the child's account.")
            : tr("In SchoolGate the school's administration and teachers confirm teachers and students. A student has "
                 "nothing more to do here: the school decides, and this window shows where your record stands."));
    m_status->setText(m_loaded ? describe(m_user, m_schoolName, m_membership) : tr("Asking the server…"));
    m_status->setAccessibleName(m_status->text());
}

QString PersonWindow::describe(
    const proto::UserInfo &user, const QString &schoolName, const std::optional<proto::Membership> &membership)
{
    QString text;
    if (!membership) {
        text = user.role == Role::Parent
            ? tr("This is a parent's account.")
            : tr("This account has no record in a school yet. If you applied, confirm your e-mail with the link from "
                 "the letter; the school decides after that.");
    } else {
        const proto::Membership &m = *membership;
        switch (m.status) {
        case MemberStatus::Pending: text = tr("Your record is waiting for the school's decision."); break;
        case MemberStatus::Approved:
            text = m.role == Role::Student && !m.className.isEmpty()
                ? tr("The school has confirmed you as a student of class %1.").arg(m.className)
                : tr("The school has confirmed you.");
            break;
        case MemberStatus::Rejected:
            text = m.reason.trimmed().isEmpty()
                ? tr("The school has not confirmed you. If this is a mistake, ask the school: it can decide again.")
                : tr("The school has not confirmed you. Reason: %1\nIf this is a mistake, ask the school: it can "
                     "decide again.")
                      .arg(m.reason.trimmed());
            break;
        case MemberStatus::Graduate: text = tr("You have graduated from the school."); break;
        case MemberStatus::NotCurrent: text = tr("You are no longer on the school's list."); break;
        }
    }
    if (!schoolName.isEmpty())
        text += QLatin1Char('\n') + tr("School: %1").arg(schoolName);
    return text;
}

void PersonWindow::showRecord(const QString &schoolName, const std::optional<proto::Membership> &membership)
{
    m_schoolName = schoolName;
    m_membership = membership;
    m_loaded = true;
    retranslate();
}

void PersonWindow::refresh()
{
    m_refresh->setEnabled(false);
    m_api->me([self = QPointer<PersonWindow>(this)](Result<client::MeInfo> r) {
        if (!self)
            return;
        self->m_refresh->setEnabled(true);
        if (!r) {
            self->m_status->setText(tr("The server could not be asked: %1").arg(errorText(r.error())));
            self->m_status->setAccessibleName(self->m_status->text());
            return;
        }
        self->m_user = r->user;
        self->showRecord(
            r->school ? (r->school->shortName.isEmpty() ? r->school->name : r->school->shortName) : QString(),
            r->membership);
    });
}

} // namespace sg::ui
