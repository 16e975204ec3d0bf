#pragma once

#include "core/directorprotocol.h"

#include <QDialog>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QMimeData;
class QPushButton;
QT_END_NAMESPACE

namespace sg::ui {

class Prompter;

// The director's data: surname, name, patronymic, position, e-mail, phone and the organisation's INN, checked as
// the user types (the INN says which digit is wrong). In change mode the order «Приказ о смене директора» must be
// attached (a button or drag and drop); the file is checked before anything is sent: readable, at most
// proto::kMaxOrderBytes, and really a PDF, JPEG or PNG by its content.
//
// «Отправить» does not close the dialog: it emits sendRequested(submission()). The owner sends it and then calls
// accept() on success, or showSendError() (the dialog stays open with everything typed) on failure.
class DirectorFormDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Initial, Change };

    DirectorFormDialog(Mode mode, const QString &schoolInn, Prompter *prompter, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    // What the form holds now (trimmed; INN normalised to digits; with the order in change mode).
    proto::DirectorSubmission submission() const;
    // Fills the fields (e.g. with a rejected submission to correct); the order is not taken over.
    void setSubmission(const proto::DirectorSubmission &submission);
    bool isComplete() const;
    // Why the form cannot be sent yet (empty when it can).
    QString problem() const;

    // Checks the file and attaches it. Answers the problem (empty = attached); a refused file is not attached.
    QString attachOrder(const QString &path);
    bool hasOrder() const { return m_order.has_value(); }
    const std::optional<proto::OrderFile> &order() const { return m_order; }

    // While the owner sends: the form is locked and the button says so.
    void setSending(bool sending);
    void showSendError(const QString &message);
    void retranslate();

signals:
    void sendRequested(const sg::proto::DirectorSubmission &submission);

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Mark { None, Hint, Error };

    QLineEdit *makeEdit(const QString &objectName, int maxLength);
    void chooseOrder();
    void updateInn(bool finished);
    void updateEmail(bool finished);
    void updateState();
    void updateOrderLabel();
    void growToFit();
    static void mark(QLineEdit *edit, QLabel *problemLabel, Mark how, const QString &message);
    static QString droppedFile(const QMimeData *mime);

    Mode m_mode;
    Prompter *m_prompter;
    QLabel *m_intro;
    QLabel *m_surnameLabel;
    QLineEdit *m_surname;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_patronymicLabel;
    QLineEdit *m_patronymic;
    QLabel *m_positionLabel;
    QLineEdit *m_position;
    QLabel *m_emailLabel;
    QLineEdit *m_email;
    QLabel *m_emailProblem;
    QLabel *m_phoneLabel;
    QLineEdit *m_phone;
    QLabel *m_innLabel;
    QLineEdit *m_inn;
    QLabel *m_innProblem;
    QLabel *m_orderTitle = nullptr;
    QLabel *m_orderFile = nullptr;
    QPushButton *m_chooseOrder = nullptr;
    QLabel *m_orderHint = nullptr;
    QLabel *m_orderProblem = nullptr;
    QLabel *m_formHint;
    QLabel *m_sendError;
    QPushButton *m_send;
    QPushButton *m_cancel;
    std::optional<proto::OrderFile> m_order;
    QString m_innNormalized; // valid INN digits, or empty
    QString m_defaultPosition; // «Директор» in the current language, while the user has not changed it
    bool m_emailTouched = false;
    bool m_sending = false;
};

} // namespace sg::ui
