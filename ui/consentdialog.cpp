#include "consentdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sg::ui {

ConsentDialog::ConsentDialog(const proto::ConsentText &text, QWidget *parent)
    : QDialog(parent)
    , m_text(text)
    , m_intro(new QLabel(this))
    , m_browser(new QTextBrowser(this))
    , m_versionLabel(new QLabel(this))
    , m_readBox(new QCheckBox(this))
    , m_accept(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("consentDialog"));
    m_intro->setObjectName(QStringLiteral("consentIntroLabel"));
    m_browser->setObjectName(QStringLiteral("consentTextBrowser"));
    m_versionLabel->setObjectName(QStringLiteral("consentVersionLabel"));
    m_readBox->setObjectName(QStringLiteral("consentCheckBox"));
    m_accept->setObjectName(QStringLiteral("acceptConsentButton"));
    m_cancel->setObjectName(QStringLiteral("cancelConsentButton"));

    m_intro->setWordWrap(true);
    m_browser->setReadOnly(true);
    m_browser->setOpenLinks(false);
    m_browser->setPlainText(m_text.text);
    m_versionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accept->setDefault(true);
    m_accept->setProperty("role", QStringLiteral("approve"));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_accept, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_versionLabel);
    layout->addWidget(m_readBox);
    layout->addWidget(buttons);
    resize(620, 520);

    connect(m_readBox, &QCheckBox::toggled, this, &ConsentDialog::updateButtons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isConfirmedRead())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslate();
    updateButtons();
}

bool ConsentDialog::isConfirmedRead() const
{
    return m_readBox->isChecked();
}

void ConsentDialog::updateButtons()
{
    m_accept->setEnabled(isConfirmedRead());
}

void ConsentDialog::retranslate()
{
    setWindowTitle(tr("Consent to personal data processing"));
    m_intro->setText(tr("Before the director's data can be sent, the organisation must consent to the processing "
                        "of personal data. Read the text to the end."));
    m_versionLabel->setText(tr("Version of the text: %1").arg(m_text.version));
    m_readBox->setText(tr("I have read the consent text"));
    m_accept->setText(tr("I agree"));
    m_cancel->setText(tr("Cancel"));
    m_browser->setAccessibleName(tr("Consent text"));
    m_accept->setToolTip(tr("Available after you tick “I have read the consent text”"));
}

void ConsentDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace sg::ui
