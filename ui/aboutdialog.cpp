#include "aboutdialog.h"

#include "core/supporthours.h"
#include "server/localserver.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>
#include <qt6keychain/keychain.h>

namespace sg::ui {

QString AboutDialog::componentsText()
{
    QString rows;
    const auto row = [&rows](const QString &name, const QString &version, const QString &licence) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(name.toHtmlEscaped(), version.toHtmlEscaped(), licence.toHtmlEscaped());
    };
    row(QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0 / GPL-3.0"));
    row(QStringLiteral("QtKeychain"), QStringLiteral("0.13+"), QStringLiteral("BSD-3-Clause"));
    for (const auto &c : server::LocalServer::components())
        row(c.name, c.version, c.licence);
    return QStringLiteral(
        "<table cellspacing=\"0\" cellpadding=\"3\"><tr><th align=\"left\">%1</th><th align=\"left\">%2</th>"
        "<th align=\"left\">%3</th></tr>%4</table>")
        .arg(tr("Library"), tr("Version"), tr("Licence"), rows);
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About SchoolGate"));
    auto *title = new QLabel(QStringLiteral("<h2>SchoolGate %1</h2>").arg(QStringLiteral(SG_VERSION)), this);
    auto *text =
        new QLabel(tr("The cabinet of an educational organisation: confirm the director, teachers and students, "
                      "and send the reports.<br>Licence: GNU GPL version 3 or later."),
            this);
    text->setWordWrap(true);
    auto *components = new QTextBrowser(this);
    components->setObjectName(QStringLiteral("componentsTextBrowser"));
    components->setHtml(componentsText());
    components->setMinimumHeight(150);
    auto *support = new QLabel(
        tr("Support: ☎ %1 (weekdays 8:00–18:00 Moscow time), ✉ %2").arg(SupportHours::phone(), SupportHours::email()),
        this);
    support->setWordWrap(true);
    support->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addWidget(components, 1);
    layout->addWidget(support);
    layout->addWidget(buttons);
    resize(520, 420);
}

} // namespace sg::ui
