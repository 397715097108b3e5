"""Messages a shop sends: templates in its own words, rendered safely, and delivered over SMTP or webhooks.

Pure of the store: the domain decides when a message is due and writes it to the outbox; this
package only turns a template and its facts into text, and text into an e-mail or a signed POST.
"""
