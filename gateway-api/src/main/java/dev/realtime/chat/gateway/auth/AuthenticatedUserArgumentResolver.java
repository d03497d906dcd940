package dev.realtime.chat.gateway.auth;

import dev.realtime.chat.gateway.system.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take the caller as an {@link AuthenticatedUser} parameter. */
class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AuthenticatedUser.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object user = webRequest.getAttribute(BearerTokenFilter.USER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (user instanceof AuthenticatedUser authenticated) {
            return authenticated;
        }
        throw ApiException.unauthorized("missing Authorization: Bearer token");
    }
}
