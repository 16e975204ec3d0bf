#include "supportdialog.h"

#include "core/supporthours.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace sg::ui {

QString SupportDialog::unbreakable(const QString &phone)
{
    QString out = phone;
    out.replace(QLatin1Char(' '), QChar(0x00A0)); // no-break space
    out.replace(QLatin1Char('-'), QChar(0x2011)); // non-breaking hyphen
    return out;
}

SupportDialog::SupportDialog(const QDateTime &nowUtc, QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("supportDialog"));
    setWindowTitle(tr("Support"));
    const QString email = SupportHours::email();
    m_text->setObjectName(QStringLiteral("supportTextLabel"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setOpenExternalLinks(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setText(
        tr("<p>Confirming teachers and students, for heads of organisations: <b>%1</b>, weekdays 8:00–18:00 Moscow "
           "time.</p><p>Login and password problems: <b>%2</b>.</p><p>E-mail: <a href=\"mailto:%3\">%3</a>.</p>"
           "<p>%4</p>")
            .arg(unbreakable(SupportHours::phone()).toHtmlEscaped(),
                unbreakable(SupportHours::loginHelpPhone()).toHtmlEscaped(), email.toHtmlEscaped(),
                SupportHours::statusText(nowUtc).toHtmlEscaped()));
    m_text->setAccessibleName(tr("Support"));
    m_text->setAccessibleDescription(
        tr("Phones %1 and %2, e-mail %3. %4")
            .arg(SupportHours::phone(), SupportHours::loginHelpPhone(), email, SupportHours::statusText(nowUtc)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

} // namespace sg::ui
