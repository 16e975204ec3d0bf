#include "directorformdialog.h"

#include "core/validators.h"
#include "prompter.h"

#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace sg::ui {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal share)
{
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
        float(a.greenF() * (1 - share) + b.greenF() * share), float(a.blueF() * (1 - share) + b.blueF() * share));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

// A field and the line under it that says what is wrong with it.
QWidget *withProblem(QWidget *parent, QWidget *field, QLabel *problem)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(problem);
    return box;
}

} // namespace

DirectorFormDialog::DirectorFormDialog(Mode mode, const QString &schoolInn, Prompter *prompter, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_prompter(prompter)
    , m_intro(new QLabel(this))
    , m_surnameLabel(new QLabel(this))
    , m_surname(makeEdit(QStringLiteral("surnameLineEdit"), 100))
    , m_nameLabel(new QLabel(this))
    , m_name(makeEdit(QStringLiteral("nameLineEdit"), 100))
    , m_patronymicLabel(new QLabel(this))
    , m_patronymic(makeEdit(QStringLiteral("patronymicLineEdit"), 100))
    , m_positionLabel(new QLabel(this))
    , m_position(makeEdit(QStringLiteral("positionLineEdit"), 200))
    , m_emailLabel(new QLabel(this))
    , m_email(makeEdit(QStringLiteral("emailLineEdit"), 254))
    , m_emailProblem(new QLabel(this))
    , m_phoneLabel(new QLabel(this))
    , m_phone(makeEdit(QStringLiteral("phoneLineEdit"), 40))
    , m_innLabel(new QLabel(this))
    , m_inn(makeEdit(QStringLiteral("innLineEdit"), 40))
    , m_innProblem(new QLabel(this))
    , m_formHint(new QLabel(this))
    , m_sendError(new QLabel(this))
    , m_send(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(mode == Mode::Change ? QStringLiteral("changeDirectorDialog") : QStringLiteral("directorFormDialog"));
    m_intro->setObjectName(QStringLiteral("directorFormIntroLabel"));
    m_emailProblem->setObjectName(QStringLiteral("emailProblemLabel"));
    m_innProblem->setObjectName(QStringLiteral("innProblemLabel"));
    m_formHint->setObjectName(QStringLiteral("formHintLabel"));
    m_sendError->setObjectName(QStringLiteral("sendErrorLabel"));
    m_send->setObjectName(QStringLiteral("sendDirectorButton"));
    m_cancel->setObjectName(QStringLiteral("cancelDirectorButton"));

    m_intro->setWordWrap(true);
    for (QLabel *problem : {m_emailProblem, m_innProblem}) {
        problem->setWordWrap(true);
        problem->setVisible(false);
    }
    m_formHint->setWordWrap(true);
    m_sendError->setWordWrap(true);
    m_sendError->setVisible(false);
    m_sendError->setProperty("banner", QStringLiteral("error"));
    m_sendError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inn->setText(schoolInn);
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_inn->setInputMethodHints(Qt::ImhDigitsOnly);
    m_send->setDefault(true);
    m_send->setProperty("role", QStringLiteral("approve"));

    m_surnameLabel->setBuddy(m_surname);
    m_nameLabel->setBuddy(m_name);
    m_patronymicLabel->setBuddy(m_patronymic);
    m_positionLabel->setBuddy(m_position);
    m_emailLabel->setBuddy(m_email);
    m_phoneLabel->setBuddy(m_phone);
    m_innLabel->setBuddy(m_inn);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->addRow(m_surnameLabel, m_surname);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_patronymicLabel, m_patronymic);
    form->addRow(m_positionLabel, m_position);
    form->addRow(m_emailLabel, withProblem(this, m_email, m_emailProblem));
    form->addRow(m_phoneLabel, m_phone);
    form->addRow(m_innLabel, withProblem(this, m_inn, m_innProblem));

    QVBoxLayout *orderSection = nullptr; // the order gets the full width under the form
    if (mode == Mode::Change) {
        m_orderTitle = new QLabel(this);
        m_orderFile = new QLabel(this);
        m_chooseOrder = new QPushButton(this);
        m_orderHint = new QLabel(this);
        m_orderProblem = new QLabel(this);
        m_orderFile->setObjectName(QStringLiteral("orderFileLabel"));
        m_chooseOrder->setObjectName(QStringLiteral("chooseOrderButton"));
        m_orderHint->setObjectName(QStringLiteral("orderHintLabel"));
        m_orderProblem->setObjectName(QStringLiteral("orderProblemLabel"));
        m_orderFile->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_orderFile->setWordWrap(true);
        m_orderHint->setWordWrap(true);
        m_orderHint->setForegroundRole(QPalette::PlaceholderText);
        m_orderProblem->setWordWrap(true);
        m_orderProblem->setVisible(false);
        m_orderProblem->setProperty("banner", QStringLiteral("error"));
        m_orderProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_orderTitle->setBuddy(m_chooseOrder);

        QFont bold = m_orderTitle->font();
        bold.setBold(true);
        m_orderTitle->setFont(bold);
        auto *fileRow = new QHBoxLayout;
        fileRow->setContentsMargins(0, 0, 0, 0);
        fileRow->addWidget(m_orderFile, 1);
        fileRow->addWidget(m_chooseOrder);
        orderSection = new QVBoxLayout;
        orderSection->setContentsMargins(0, 8, 0, 0);
        orderSection->setSpacing(4);
        orderSection->addWidget(m_orderTitle);
        orderSection->addLayout(fileRow);
        orderSection->addWidget(m_orderHint);
        orderSection->addWidget(m_orderProblem);

        setAcceptDrops(true);
        connect(m_chooseOrder, &QPushButton::clicked, this, &DirectorFormDialog::chooseOrder);
    }

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addSpacing(4);
    layout->addLayout(form);
    if (orderSection)
        layout->addLayout(orderSection);
    layout->addSpacing(4);
    layout->addWidget(m_formHint);
    layout->addWidget(m_sendError);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    for (QLineEdit *edit : {m_surname, m_name, m_patronymic, m_position, m_email, m_phone, m_inn}) {
        if (edit != m_inn && edit != m_email)
            connect(edit, &QLineEdit::textChanged, this, &DirectorFormDialog::updateState);
        edit->installEventFilter(this); // a file dropped onto a field is meant for the dialog
    }
    connect(m_inn, &QLineEdit::textChanged, this, [this] { updateInn(false); });
    connect(m_inn, &QLineEdit::editingFinished, this, [this] { updateInn(true); });
    connect(m_email, &QLineEdit::textChanged, this, [this] { updateEmail(false); });
    connect(m_email, &QLineEdit::editingFinished, this, [this] { updateEmail(true); });
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (isComplete() && !m_sending)
            emit sendRequested(submission());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslate(); // also fills the default position and checks the prefilled INN
    m_surname->setFocus();
}

QLineEdit *DirectorFormDialog::makeEdit(const QString &objectName, int maxLength)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setMaxLength(maxLength);
    return edit;
}

void DirectorFormDialog::mark(QLineEdit *edit, QLabel *problemLabel, Mark how, const QString &message)
{
    const bool error = how == Mark::Error;
    edit->setProperty("invalid", error);
    edit->setAccessibleDescription(how == Mark::None ? QString() : message);
    if (error) {
        QPalette p = edit->palette();
        const QColor red = isDark(p) ? QColor(0xe5, 0x73, 0x73) : QColor(0xc6, 0x28, 0x28);
        p.setColor(QPalette::Base, mix(p.color(QPalette::Base), red, 0.14));
        edit->setPalette(p);
    } else {
        edit->setPalette(QPalette()); // back to the inherited palette
    }
    problemLabel->setText(message);
    problemLabel->setVisible(how != Mark::None && !message.isEmpty());
    problemLabel->setProperty("severity", error ? QStringLiteral("error") : QStringLiteral("hint"));
    QPalette lp = problemLabel->parentWidget()->palette();
    if (error)
        lp.setColor(QPalette::WindowText, isDark(lp) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e));
    else
        lp.setColor(QPalette::WindowText, lp.color(QPalette::PlaceholderText));
    problemLabel->setPalette(lp);
}

void DirectorFormDialog::updateInn(bool finished)
{
    const QString text = m_inn->text();
    const auto v = validators::validateInn(text, validators::InnKind::Organisation);
    if (v.ok) {
        m_innNormalized = v.normalized;
        mark(m_inn, m_innProblem, Mark::None, {});
    } else {
        m_innNormalized.clear();
        // While digits are still being typed, "too few digits" is a hint, not an error.
        const auto digits = validators::normalizeDigits(text);
        const bool typing = text.trimmed().isEmpty() || (!finished && digits.ok && digits.normalized.size() < 10);
        mark(m_inn, m_innProblem, typing ? Mark::Hint : Mark::Error, v.message);
    }
    updateState();
}

void DirectorFormDialog::updateEmail(bool finished)
{
    const QString text = m_email->text().trimmed();
    if (finished && !text.isEmpty())
        m_emailTouched = true;
    if (text.isEmpty() || validators::isEmailAddress(text)) {
        mark(m_email, m_emailProblem, Mark::None, {});
    } else if (m_emailTouched) {
        // Once the address was left unfinished, keep saying what is wrong until it is right.
        mark(m_email, m_emailProblem, Mark::Error,
            text.contains(QLatin1Char('@')) ? tr("The e-mail address is incomplete: it needs a domain such as "
                                                 "school.ru after “@”")
                                            : tr("An e-mail address needs “@”, for example director@school.ru"));
    }
    updateState();
}

QString DirectorFormDialog::problem() const
{
    QStringList missing;
    if (m_surname->text().simplified().isEmpty())
        missing << tr("surname");
    if (m_name->text().simplified().isEmpty())
        missing << tr("first name");
    if (m_position->text().simplified().isEmpty())
        missing << tr("position");
    if (m_email->text().trimmed().isEmpty())
        missing << tr("e-mail");
    if (m_inn->text().trimmed().isEmpty())
        missing << tr("INN");
    QStringList wrong;
    const QString email = m_email->text().trimmed();
    if (!email.isEmpty() && !validators::isEmailAddress(email))
        wrong << tr("e-mail");
    if (!m_inn->text().trimmed().isEmpty() && m_innNormalized.isEmpty())
        wrong << tr("INN");
    // Names and the phone as documents write them: «Ivanov123» or a phone «abc» is a typing slip, caught here.
    if (!m_surname->text().simplified().isEmpty() && !validators::isPersonName(m_surname->text()))
        wrong << tr("surname (letters, spaces and hyphens only)");
    if (!m_name->text().simplified().isEmpty() && !validators::isPersonName(m_name->text()))
        wrong << tr("first name (letters, spaces and hyphens only)");
    if (!m_patronymic->text().simplified().isEmpty() && !validators::isPersonName(m_patronymic->text()))
        wrong << tr("patronymic (letters, spaces and hyphens only)");
    if (!m_phone->text().trimmed().isEmpty() && !validators::isPhoneNumber(m_phone->text()))
        wrong << tr("phone (10 to 15 digits)");
    QStringList sentences;
    const QString separator = tr(", ", "between field names in a list");
    if (!missing.isEmpty())
        sentences << tr("To send, fill in: %1.").arg(missing.join(separator));
    if (!wrong.isEmpty())
        sentences << tr("Correct: %1.").arg(wrong.join(separator));
    if (m_mode == Mode::Change && !m_order)
        sentences << tr("Attach the order on the change of director.");
    return sentences.join(QLatin1Char(' '));
}

bool DirectorFormDialog::isComplete() const
{
    return problem().isEmpty();
}

void DirectorFormDialog::updateState()
{
    const QString why = problem();
    m_send->setEnabled(why.isEmpty() && !m_sending);
    m_formHint->setText(why);
    m_formHint->setVisible(!why.isEmpty());
    growToFit();
}

void DirectorFormDialog::growToFit()
{
    // Messages appear under the fields while the dialog is open: make room for them (never shrink what the user
    // has sized). Wrapped labels need the height for the current width, which the minimum size does not know.
    if (!isVisible() || !layout())
        return;
    layout()->activate();
    const int needed =
        layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

proto::DirectorSubmission DirectorFormDialog::submission() const
{
    proto::DirectorSubmission s;
    s.kind =
        m_mode == Mode::Change ? proto::DirectorSubmission::Kind::Change : proto::DirectorSubmission::Kind::Initial;
    s.surname = m_surname->text().simplified();
    s.name = m_name->text().simplified();
    s.patronymic = m_patronymic->text().simplified();
    s.position = m_position->text().simplified();
    s.email = m_email->text().trimmed();
    s.phone = m_phone->text().trimmed();
    s.inn = m_innNormalized.isEmpty() ? m_inn->text().trimmed() : m_innNormalized;
    if (m_mode == Mode::Change)
        s.order = m_order;
    return s;
}

void DirectorFormDialog::setSubmission(const proto::DirectorSubmission &submission)
{
    m_surname->setText(submission.surname);
    m_name->setText(submission.name);
    m_patronymic->setText(submission.patronymic);
    if (!submission.position.isEmpty())
        m_position->setText(submission.position);
    m_email->setText(submission.email);
    m_phone->setText(submission.phone);
    if (!submission.inn.isEmpty())
        m_inn->setText(submission.inn);
    updateInn(true);
    updateEmail(true);
}

void DirectorFormDialog::chooseOrder()
{
    if (!m_prompter)
        return;
    const auto path = m_prompter->askOpenFile(
        this, tr("Order on the change of director"), tr("Order (PDF, JPEG, PNG) (*.pdf *.jpg *.jpeg *.png)"));
    if (path)
        attachOrder(*path);
}

QString DirectorFormDialog::attachOrder(const QString &path)
{
    if (m_mode != Mode::Change)
        return tr("An order is attached only to a change of director.");
    const QFileInfo info(path);
    const QString name = info.fileName();
    const auto refuse = [&](const QString &message) {
        m_orderProblem->setText(message);
        m_orderProblem->setVisible(true);
        updateState();
        return message;
    };
    if (!info.exists())
        return refuse(tr("The file “%1” was not found.").arg(name));
    if (info.isDir())
        return refuse(tr("“%1” is a folder. Choose the order file itself.").arg(name));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(tr("The file “%1” cannot be opened: there is no permission to read it, or another program is "
                         "using it.")
                          .arg(name));
    const qint64 size = file.size();
    if (size == 0)
        return refuse(tr("The file “%1” is empty.").arg(name));
    const QString limit = locale().formattedDataSize(proto::kMaxOrderBytes, 0, QLocale::DataSizeTraditionalFormat);
    if (size > proto::kMaxOrderBytes)
        return refuse(tr("The file “%1” is too large (%2). The order may be at most %3: scan it with a lower "
                         "resolution or save it as PDF.")
                          .arg(name, locale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat), limit));
    const QByteArray bytes = file.read(proto::kMaxOrderBytes + 1);
    if (bytes.size() != size)
        return refuse(tr("The file “%1” could not be read completely.").arg(name));
    const QString type = proto::OrderFile::detectType(bytes);
    if (type.isEmpty()) {
        const QString suffix = info.suffix().toLower();
        const bool namedLikeOne = suffix == QLatin1String("pdf") || suffix == QLatin1String("jpg")
            || suffix == QLatin1String("jpeg") || suffix == QLatin1String("png");
        return refuse(namedLikeOne
                ? tr("The file “%1” is not really a %2 file: its content is of another kind (perhaps it was renamed). "
                     "The order must be a PDF, JPEG or PNG file.")
                      .arg(name, suffix.toUpper())
                : tr("The file “%1” is not a PDF, JPEG or PNG file. Scan or save the order in one of these formats.")
                      .arg(name));
    }
    m_order = proto::OrderFile{name, type, bytes};
    m_orderProblem->clear();
    m_orderProblem->setVisible(false);
    updateOrderLabel();
    updateState();
    return {};
}

void DirectorFormDialog::updateOrderLabel()
{
    if (!m_orderFile)
        return;
    if (!m_order) {
        m_orderFile->setText(tr("No file chosen"));
        m_orderFile->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    QString kind = QStringLiteral("PDF");
    if (m_order->contentType == QLatin1String("image/jpeg"))
        kind = QStringLiteral("JPEG");
    else if (m_order->contentType == QLatin1String("image/png"))
        kind = QStringLiteral("PNG");
    m_orderFile->setText(
        tr("%1 (%2, %3)")
            .arg(m_order->fileName, kind,
                locale().formattedDataSize(m_order->data.size(), 1, QLocale::DataSizeTraditionalFormat)));
    m_orderFile->setForegroundRole(QPalette::WindowText);
}

void DirectorFormDialog::setSending(bool sending)
{
    m_sending = sending;
    for (QLineEdit *edit : {m_surname, m_name, m_patronymic, m_position, m_email, m_phone, m_inn})
        edit->setReadOnly(sending);
    if (m_chooseOrder)
        m_chooseOrder->setEnabled(!sending);
    if (sending)
        m_sendError->setVisible(false);
    m_send->setText(sending ? tr("Sending…") : tr("Send"));
    updateState();
}

void DirectorFormDialog::showSendError(const QString &message)
{
    setSending(false);
    m_sendError->setText(message);
    m_sendError->setVisible(!message.isEmpty());
    growToFit();
}

QString DirectorFormDialog::droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    const QList<QUrl> urls = mime->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return {};
    return urls.first().toLocalFile();
}

void DirectorFormDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_mode == Mode::Change && !m_sending && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void DirectorFormDialog::dragMoveEvent(QDragMoveEvent *event)
{
    if (m_mode == Mode::Change && !m_sending && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void DirectorFormDialog::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (m_mode != Mode::Change || m_sending || path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    attachOrder(path);
}

bool DirectorFormDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (m_mode == Mode::Change) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!droppedFile(drag->mimeData()).isEmpty()) {
                if (m_sending)
                    drag->ignore();
                else
                    drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            if (!droppedFile(drop->mimeData()).isEmpty()) {
                dropEvent(drop);
                return true;
            }
            break;
        }
        default: break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void DirectorFormDialog::retranslate()
{
    const bool change = m_mode == Mode::Change;
    setWindowTitle(change ? tr("Change of director") : tr("Director's data"));
    m_intro->setText(change
            ? tr("Enter the data of the new director and attach the order on the change of director. Support checks "
                 "them within 1–2 business days and informs you by e-mail and here.")
            : tr("Enter the data of the director of the organisation. Support checks them within 1–2 business days "
                 "and informs you by e-mail and here."));
    m_surnameLabel->setText(tr("&Surname:"));
    m_nameLabel->setText(tr("&First name:"));
    m_patronymicLabel->setText(tr("&Patronymic:"));
    m_positionLabel->setText(tr("P&osition:"));
    m_emailLabel->setText(tr("&E-mail:"));
    m_phoneLabel->setText(tr("P&hone:"));
    m_innLabel->setText(tr("Organisation &INN:"));
    m_patronymic->setPlaceholderText(tr("if any"));
    m_email->setPlaceholderText(tr("director@school.ru"));
    m_phone->setPlaceholderText(tr("+7 900 000-00-00 (optional)"));
    m_inn->setPlaceholderText(tr("10 digits"));
    if (m_position->text().isEmpty() || m_position->text() == m_defaultPosition) {
        m_defaultPosition = tr("Director");
        m_position->setText(m_defaultPosition);
    }
    m_surname->setAccessibleName(tr("Surname"));
    m_name->setAccessibleName(tr("First name"));
    m_patronymic->setAccessibleName(tr("Patronymic"));
    m_position->setAccessibleName(tr("Position"));
    m_email->setAccessibleName(tr("E-mail"));
    m_phone->setAccessibleName(tr("Phone"));
    m_inn->setAccessibleName(tr("Organisation INN"));
    if (change) {
        m_orderTitle->setText(tr("Order on the change of director"));
        m_chooseOrder->setText(tr("Choose file…"));
        m_chooseOrder->setAccessibleName(tr("Choose the order file"));
        m_orderHint->setText(
            tr("PDF, JPEG or PNG, up to %1. You can also drag the file onto this window.")
                .arg(locale().formattedDataSize(proto::kMaxOrderBytes, 0, QLocale::DataSizeTraditionalFormat)));
        updateOrderLabel();
    }
    m_send->setText(m_sending ? tr("Sending…") : tr("Send"));
    m_cancel->setText(tr("Cancel"));
    updateInn(!m_inn->hasFocus());
    updateEmail(false);
}

void DirectorFormDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace sg::ui
