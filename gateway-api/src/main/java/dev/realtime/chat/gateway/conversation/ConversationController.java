package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.AddMembers;
import dev.realtime.chat.model.wire.ConversationView;
import dev.realtime.chat.model.wire.CreateConversation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The conversation calls of protocol.md. */
@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    CompletableFuture<ResponseEntity<ConversationView>> create(AuthenticatedUser user,
            @RequestBody CreateConversation request) {
        return conversations.create(user.userId(), request)
                .thenApply(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping
    CompletableFuture<List<ConversationView>> mine(AuthenticatedUser user) {
        return conversations.listOf(user.userId());
    }

    @GetMapping("/{id}")
    CompletableFuture<ConversationView> get(AuthenticatedUser user, @PathVariable("id") String id) {
        return conversations.get(user.userId(), id);
    }

    @PostMapping("/{id}/members")
    CompletableFuture<ConversationView> addMembers(AuthenticatedUser user, @PathVariable("id") String id,
            @RequestBody AddMembers request) {
        if (request == null) {
            throw ApiException.invalid("body must be {\"userIds\": [...]}");
        }
        return conversations.addMembers(user.userId(), id, request.userIds());
    }

    @DeleteMapping("/{id}/members/{userId}")
    CompletableFuture<ResponseEntity<Void>> removeMember(AuthenticatedUser user, @PathVariable("id") String id,
            @PathVariable("userId") String userId) {
        return conversations.removeMember(user.userId(), id, userId)
                .thenApply(done -> ResponseEntity.noContent().build());
    }
}
